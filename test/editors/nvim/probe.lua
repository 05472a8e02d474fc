-- Headless Neovim (0.7+, Debian's `neovim`) end-to-end test of the language server, driven the way
-- a user drives it: the buffer's own LSP client, `vim.lsp.buf.code_action()` with the picker
-- answered by its first entry, `vim.lsp.buf.hover()` and `:write`.
--
-- Usage (test/editors/run.sh sets all of this):
--   PROBE_SERVER=dist/server.js PROBE_LINE=6 PROBE_COL=9 PROBE_CODE=missing-relabel \
--   PROBE_FILETYPE=yaml PROBE_HOVER='container_t|Permission denied' PROBE_HOVER_AFTER=container_file_t \
--   nvim --headless -n -i NONE -u test/editors/nvim/probe.lua /tmp/x/docker-compose.yml
--
-- PROBE_LINE/PROBE_COL: 1-based start of the expected diagnostic (as the CLI prints it).
-- PROBE_HOVER: `|`-separated substrings, one of which the hover at the diagnostic must contain.
-- PROBE_HOVER_AFTER (optional): the same for the hover on the last character the fix inserted.
-- PROBE_TIMEOUT_MS (default 30000): safety net; every wait is event-driven and ends at the event.
-- Exits 0 when every check passed; otherwise prints `FAIL: <step>: <reason>` and exits non-zero.

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == '' then
    if default ~= nil then return default end
    io.stdout:write(string.format('FAIL: setup: %s is not set\n', name))
    vim.cmd('cquit 2')
  end
  return v
end

local cfg = {
  server = env('PROBE_SERVER'),
  line = tonumber(env('PROBE_LINE')),
  col = tonumber(env('PROBE_COL')),
  code = env('PROBE_CODE'),
  filetype = env('PROBE_FILETYPE'),
  hover = vim.split(env('PROBE_HOVER'), '|', { plain = true }),
  hover_after = env('PROBE_HOVER_AFTER', '') ~= '' and vim.split(os.getenv('PROBE_HOVER_AFTER'), '|', { plain = true }) or nil,
  timeout = tonumber(env('PROBE_TIMEOUT_MS', '30000')),
}

local t0 = vim.loop.hrtime()
local function ms() return math.floor((vim.loop.hrtime() - t0) / 1e6) end
local function log(fmt, ...) io.stdout:write(string.format('[%5d ms] ', ms()) .. string.format(fmt, ...) .. '\n') end

local step = 'start'
local done = false

local function finish(code, reason)
  if done then return end
  done = true
  if code == 0 then
    log('PASS')
    vim.cmd('qall!')
  else
    io.stdout:write(string.format('FAIL: %s: %s\n', step, reason))
    vim.cmd('cquit ' .. code)
  end
end

local function fail(reason) finish(1, reason) end

-- Runs `fn` in the main loop; a Lua error in it is a failure of the current step, not a hang.
local function guarded(fn)
  return function(...)
    local args = { ... }
    vim.schedule(function()
      if done then return end
      local ok, err = xpcall(function() fn(unpack(args)) end, debug.traceback)
      if not ok then fail('error: ' .. tostring(err)) end
    end)
  end
end

local function contains_any(text, needles)
  for _, n in ipairs(needles) do
    if text:find(n, 1, true) then return n end
  end
  return nil
end

-- One line, at most 300 characters, for FAIL messages.
local function oneline(text)
  text = text:gsub('\n', ' / ')
  return #text > 300 and (text:sub(1, 300) .. '...') or text
end

local function describe(diags)
  local parts = {}
  for _, d in ipairs(diags or {}) do
    table.insert(parts, string.format('%s@%d:%d', tostring(d.code), d.range.start.line + 1, d.range.start.character + 1))
  end
  return #parts > 0 and table.concat(parts, ', ') or '(none)'
end

local function find_expected(diags)
  for _, d in ipairs(diags or {}) do
    if d.code == cfg.code and d.range.start.line == cfg.line - 1 and d.range.start.character == cfg.col - 1 then
      return d
    end
  end
  return nil
end

-- Event plumbing: the client's handlers call whatever the current step waits for.
local on_publish = nil -- function(result)
local on_hover = nil -- function(err, result)
local on_server_exit = nil -- function(code, signal)
local last_publish = nil

local bufnr, uri, client

local after_fix, hover_after, write_and_exit

local function hover_text(result)
  if not result or not result.contents then return '' end
  local lines = vim.lsp.util.convert_input_to_markdown_lines(result.contents)
  return table.concat(lines, '\n')
end

-- Step 4: the fix is applied; the server must re-check the edited text and drop the diagnostic.
after_fix = function(edit_pos)
  step = 'diagnostics after the fix'
  local function check(result)
    for _, d in ipairs(result.diagnostics or {}) do
      if d.code == cfg.code and d.range.start.line == cfg.line - 1 then return false end
    end
    log('diagnostics after the fix: %s', describe(result.diagnostics))
    on_publish = nil
    hover_after(edit_pos)
    return true
  end
  on_publish = guarded(function(result)
    if not check(result) then log('diagnostics (still): %s', describe(result.diagnostics)) end
  end)
end

-- Step 5: hover on what the fix inserted (shows that the server saw the edit).
hover_after = function(edit_pos)
  if not cfg.hover_after or not edit_pos then return write_and_exit() end
  step = 'hover after the fix'
  vim.api.nvim_win_set_cursor(0, { edit_pos.line + 1, edit_pos.character })
  on_hover = guarded(function(err, result)
    on_hover = nil
    if err then return fail('hover error: ' .. vim.inspect(err)) end
    local text = hover_text(result)
    local hit = contains_any(text, cfg.hover_after)
    if not hit then return fail(string.format('hover at %d:%d lacks %s; got: %s', edit_pos.line + 1, edit_pos.character + 1, table.concat(cfg.hover_after, ' or '), oneline(text))) end
    log('hover after the fix mentions %q', hit)
    write_and_exit()
  end)
  vim.lsp.buf.hover()
end

-- Step 6: :write.
write_and_exit = function()
  step = 'write'
  vim.cmd('write')
  if vim.bo[bufnr].modified then return fail('buffer still modified after :write') end
  log('written: %s', vim.api.nvim_buf_get_name(bufnr))
  log('line %d now: %s', cfg.line, vim.api.nvim_buf_get_lines(bufnr, cfg.line - 1, cfg.line, false)[1])
  -- Step 7: shutdown + exit (client.stop(), as :LspStop and :qa do); the server must end by itself, status 0.
  step = 'shutdown'
  on_server_exit = function(code, signal)
    if code ~= 0 or signal ~= 0 then return fail(string.format('server ended with code %s, signal %s; expected 0', code, signal)) end
    log('server exited with status 0')
    finish(0)
  end
  client.stop()
end

-- Step 3: code action through the user's path (cursor on the diagnostic, vim.lsp.buf.code_action()).
local function code_action()
  step = 'code action'
  vim.api.nvim_win_set_cursor(0, { cfg.line, cfg.col - 1 })
  local before = vim.api.nvim_buf_get_lines(bufnr, cfg.line - 1, cfg.line, false)[1]
  local bufs_before = #vim.fn.getbufinfo({ buflisted = 1 })
  -- "No code actions available" is reported through vim.notify.
  local notify = vim.notify
  vim.notify = function(msg, level, opts)
    if not done and tostring(msg):find('code action', 1, true) then fail('editor says: ' .. tostring(msg)) end
    return notify(msg, level, opts)
  end
  -- The picker: take the first entry, as a user pressing <CR> on it does.
  vim.ui.select = function(items, opts, on_choice)
    local titles = {}
    for i, item in ipairs(items) do titles[i] = string.format('%s%s', item[2].title, item[2].isPreferred and ' (preferred)' or '') end
    log('code actions: %s', table.concat(titles, ' | '))
    local first = items[1] and items[1][2]
    if not first then return fail('empty code action list') end
    if not first.isPreferred then return fail('the first code action is not the preferred one: ' .. first.title) end
    if not first.edit then return fail('the first code action has no edit: ' .. vim.inspect(first)) end
    -- Where the fix inserts text, for the hover afterwards.
    local edit_pos
    local changes = first.edit.changes and first.edit.changes[uri]
    if not changes and first.edit.documentChanges then
      for _, dc in ipairs(first.edit.documentChanges) do
        if dc.textDocument and dc.textDocument.uri == uri then changes = dc.edits end
      end
    end
    if not changes then return fail('the edit does not name this document (' .. uri .. '): ' .. vim.inspect(first.edit)) end
    local e = changes[1]
    if e and not e.newText:find('\n') and #e.newText > 0 then
      edit_pos = { line = e.range.start.line, character = e.range.start.character + #e.newText - 1 }
    end
    after_fix(edit_pos) -- Listen before the edit goes out.
    on_choice(items[1])
    local now = vim.api.nvim_buf_get_lines(bufnr, cfg.line - 1, cfg.line, false)[1]
    if now == before then return fail('applying the action left line ' .. cfg.line .. ' unchanged: ' .. now) end
    if #vim.fn.getbufinfo({ buflisted = 1 }) ~= bufs_before then return fail('applying the action opened another buffer (URI mismatch?)') end
    log('applied %q; line %d: %s', first.title, cfg.line, now)
  end
  vim.lsp.buf.code_action()
end

-- Step 2: hover on the diagnostic (what `K` shows).
local function hover_before()
  step = 'hover'
  vim.api.nvim_win_set_cursor(0, { cfg.line, cfg.col - 1 })
  on_hover = guarded(function(err, result)
    on_hover = nil
    if err then return fail('hover error: ' .. vim.inspect(err)) end
    local text = hover_text(result)
    local hit = contains_any(text, cfg.hover)
    if not hit then return fail(string.format('hover at %d:%d lacks %s; got: %s', cfg.line, cfg.col, table.concat(cfg.hover, ' or '), oneline(text))) end
    log('hover at %d:%d mentions %q (%d chars, %s)', cfg.line, cfg.col, hit, #text, result.contents.kind or 'MarkedString')
    code_action()
  end)
  vim.lsp.buf.hover()
end

-- Step 1: the first diagnostics.
local function first_diagnostics(result)
  local d = find_expected(result.diagnostics)
  if not d then
    log('diagnostics without the expected one: %s', describe(result.diagnostics))
    return
  end
  on_publish = nil
  log('diagnostics: %s', describe(result.diagnostics))
  -- What the user sees: vim.diagnostic's copy, 0-based.
  local seen = false
  for _, vd in ipairs(vim.diagnostic.get(bufnr, { lnum = cfg.line - 1 })) do
    if vd.col == cfg.col - 1 and vd.message == d.message then seen = true end
  end
  if not seen then return fail('vim.diagnostic does not show the diagnostic at ' .. cfg.line .. ':' .. cfg.col) end
  hover_before()
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = guarded(function()
    step = 'open'
    bufnr = vim.api.nvim_get_current_buf()
    uri = vim.uri_from_bufnr(bufnr)
    if vim.api.nvim_buf_get_name(bufnr) == '' then return fail('no file given') end
    if vim.bo[bufnr].filetype ~= cfg.filetype then
      return fail(string.format('filetype is %q, expected %q', vim.bo[bufnr].filetype, cfg.filetype))
    end
    log('nvim %s, %s, filetype %s', tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch, uri, cfg.filetype)
    step = 'start server'
    on_publish = guarded(first_diagnostics)
    local id = vim.lsp.start_client({
      name = 'selinux-mounts',
      cmd = { 'node', cfg.server, '--stdio' },
      root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':h'),
      handlers = {
        ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
          vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
          if result and result.uri == uri then
            last_publish = result
            if on_publish then on_publish(result) end
          end
        end,
        ['textDocument/hover'] = function(err, result)
          if on_hover then on_hover(err, result) end
        end,
      },
      on_init = function(c) client = c; log('server started (pid %s)', tostring(c.rpc.pid)); io.stdout:write('server-pid ' .. tostring(c.rpc.pid) .. '\n') end,
      on_exit = guarded(function(code, signal)
        if on_server_exit then return on_server_exit(code, signal) end
        fail(string.format('server exited unexpectedly (code %s, signal %s)', code, signal))
      end),
    })
    if not id then return fail('vim.lsp.start_client failed') end
    if not vim.lsp.buf_attach_client(bufnr, id) then return fail('could not attach the client to the buffer') end
    step = 'diagnostics'
  end),
})

-- Safety net: never hang CI.
vim.defer_fn(function()
  if done then return end
  local extra = last_publish and ('; last diagnostics: ' .. describe(last_publish.diagnostics)) or '; no diagnostics were published'
  finish(9, string.format('timed out after %d ms%s', cfg.timeout, extra))
end, cfg.timeout)
