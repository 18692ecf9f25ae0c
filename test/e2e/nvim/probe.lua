-- Headless Neovim as a second LSP client for shipshape-language-server (scripts/e2e/nvim.ts runs it).
-- Neovim 0.7 API: vim.lsp.start_client + buf_attach_client (vim.lsp.start and `nvim -l` need 0.8 / 0.9).
-- env: PROBE_OUT (result JSON), PROBE_CMD (server command, JSON array), PROBE_FILETYPE (the languageId),
--      PROBE_RULE (the rule whose finding gets the hover and the code action),
--      PROBE_RENAME (optional, `old=new`: go to definition on the service key `old`, then rename it to `new`).
-- Records: initialize, the diagnostics, the hover over the PROBE_RULE finding, the code actions for it, the
-- server's review of the buffer (workspace/executeCommand shipshape.server.review, as the README documents it),
-- and the diagnostics after applying the first quick fix (its edit goes through didChange).
local result = { nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch }
local rule = os.getenv('PROBE_RULE')

local function code_of(d)
  local lsp = d.user_data and d.user_data.lsp or {}
  return d.code or lsp.code
end

local function diagnostics(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity,
      source = d.source, code = code_of(d), message = d.message })
  end
  return list
end

local function find_rule(bufnr)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code_of(d) == rule then return d end
  end
end

local ok, err = pcall(function()
  result.cmd = vim.fn.json_decode(os.getenv('PROBE_CMD'))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = os.getenv('PROBE_FILETYPE') -- becomes the languageId in didOpen
  local client_id = vim.lsp.start_client({
    name = 'shipshape', cmd = result.cmd,
    root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h'),
    on_exit = function(code, signal) result.server_exit = { code = code, signal = signal } end,
  })
  assert(client_id, 'vim.lsp.start_client failed')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')
  assert(vim.wait(15000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c and c.initialized
  end, 50), 'no initialize response within 15 s')
  result.initialized = true

  assert(vim.wait(15000, function() return find_rule(bufnr) ~= nil end, 50),
    'no ' .. rule .. ' diagnostic within 15 s (got ' .. vim.inspect(diagnostics(bufnr)) .. ')')
  result.diagnostics = diagnostics(bufnr)
  local d = find_rule(bufnr)
  local lsp = d.user_data and d.user_data.lsp or {}

  local position = { line = d.lnum, character = d.col + 1 }
  local hover_params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = position }
  result.hover = {}
  for _, r in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', hover_params, 10000) or {}) do
    if r.err then result.hover_error = r.err end
    if r.result and r.result.contents then
      table.insert(result.hover, table.concat(vim.lsp.util.convert_input_to_markdown_lines(r.result.contents), '\n'))
    end
  end

  local review_params = { command = 'shipshape.server.review', arguments = { { uri = vim.uri_from_bufnr(bufnr) } } }
  for _, r in pairs(vim.lsp.buf_request_sync(bufnr, 'workspace/executeCommand', review_params, 10000) or {}) do
    if r.err then result.review_error = r.err end
    if r.result then result.review = { markdown = r.result.markdown, critical = r.result.critical, improvements = r.result.improvements } end
  end

  local range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } }
  local lsp_diagnostic = { range = range, message = d.message, severity = d.severity, source = d.source,
    code = code_of(d), codeDescription = lsp.codeDescription, data = lsp.data }
  local action_params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), range = range,
    context = { diagnostics = { lsp_diagnostic }, only = { 'quickfix' } } }
  result.actions = {}
  local fix
  for _, r in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', action_params, 10000) or {}) do
    if r.err then result.action_error = r.err end
    for _, a in ipairs(r.result or {}) do
      table.insert(result.actions, { title = a.title, kind = a.kind, isPreferred = a.isPreferred, has_edit = a.edit ~= nil })
      if fix == nil and a.edit and a.kind == 'quickfix' and not a.title:lower():find('suppress') and not a.title:lower():find('ignore') then
        fix = a
      end
    end
  end

  if fix then -- apply it like a user would: the edit changes the buffer, Neovim sends didChange
    result.applied = fix.title
    local client = vim.lsp.get_client_by_id(client_id)
    vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
    result.fixed_gone = vim.wait(10000, function() return find_rule(bufnr) == nil end, 50)
    result.text_after_fix = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
    result.diagnostics_after_fix = diagnostics(bufnr)
  end

  local rename = os.getenv('PROBE_RENAME')
  if rename and rename ~= '' then
    local from, to = rename:match('^(.-)=(.*)$')
    local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    local position
    for i, l in ipairs(lines) do
      local col = l:find(from .. ':', 1, true)
      if col and l:sub(1, col - 1):match('^%s*$') then position = { line = i - 1, character = col } break end
    end
    assert(position, 'no key ' .. from .. ' in the buffer')
    local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = position }
    result.definition = {}
    for _, r in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/definition', params, 10000) or {}) do
      if r.err then result.definition_error = r.err end
      for _, loc in ipairs(r.result or {}) do
        table.insert(result.definition, { uri = loc.uri, line = loc.range.start.line, character = loc.range.start.character })
      end
    end
    params.newName = to
    for _, r in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/rename', params, 10000) or {}) do
      if r.err then result.rename_error = r.err end
      if r.result then
        local client = vim.lsp.get_client_by_id(client_id)
        vim.lsp.util.apply_workspace_edit(r.result, client.offset_encoding or 'utf-16')
        result.renamed = true
      end
    end
    result.rename_position = position
    result.text_after_rename = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  end

  vim.lsp.stop_client(client_id) -- shutdown + exit, so on_exit records how the server ended
  vim.wait(5000, function() return result.server_exit ~= nil end, 50)
end)

if not ok then result.error = tostring(err) end
local f = assert(io.open(os.getenv('PROBE_OUT'), 'w'))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd(ok and 'qall!' or 'cquit 1')
