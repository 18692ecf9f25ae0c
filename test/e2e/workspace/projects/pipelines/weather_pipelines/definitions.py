import dagster as dg


@dg.asset
def daily_temperatures() -> list[float]:
    return [12.5, 14.0, 9.8]


defs = dg.Definitions(assets=[daily_temperatures])
