import pandas as pd
from dagster import Definitions, ScheduleDefinition, asset, define_asset_job


@asset
def raw_orders() -> pd.DataFrame:
    return pd.DataFrame({"id": [1, 2, 3], "amount": [12.5, 8.0, 30.25]})


@asset
def daily_revenue(raw_orders: pd.DataFrame) -> float:
    return float(raw_orders["amount"].sum())


revenue_job = define_asset_job("revenue_job", selection=[raw_orders, daily_revenue])

defs = Definitions(
    assets=[raw_orders, daily_revenue],
    schedules=[ScheduleDefinition(job=revenue_job, cron_schedule="0 6 * * *")],
)
