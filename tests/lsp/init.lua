-- A real client for `pblint lsp`: headless Neovim (0.7.2 and later), with
-- the server configured through vim.lsp only (no plugins, no lspconfig).
--
--   PBLINT=... PBLINT_DOC=FILE PBLINT_OUT=RESULTS nvim --headless --clean -u init.lua
--
-- Opens PBLINT_DOC (a copy of seed 001), waits for the diagnostics, checks
-- what the editor holds (vim.diagnostic.get: 0-based line, byte column),
-- applies the fix-it of a code action and waits for the re-lint, then stops
-- the server and checks it exited with status 0.  Every check is a line in
-- PBLINT_OUT ("ok ..." or "FAIL ..."), then "PASS" or "FAIL"; Neovim exits
-- with 0, or with 1 (:cq) on any failure.  Every wait has a deadline.

local pblint = os.getenv('PBLINT')
local doc = os.getenv('PBLINT_DOC')
local out_path = os.getenv('PBLINT_OUT')
local results = {}
local failed = false

local function record(ok, what, detail)
  if not ok then
    failed = true
  end
  table.insert(results, (ok and 'ok ' or 'FAIL ') .. what .. (detail and (': ' .. detail) or ''))
end

local function finish()
  table.insert(results, failed and 'FAIL' or 'PASS')
  local f = io.open(out_path, 'w')
  if f then
    f:write(table.concat(results, '\n') .. '\n')
    f:close()
  end
  if failed then
    vim.cmd('cq')
  else
    vim.cmd('qa!')
  end
end

-- whatever happens, Neovim ends within 60 s
vim.defer_fn(function()
  record(false, 'the test finished in time')
  finish()
end, 60000)

local function run()
  if not (pblint and doc and out_path) then
    record(false, 'PBLINT, PBLINT_DOC and PBLINT_OUT are set')
    return
  end
  local exit_code
  local client_id = vim.lsp.start_client({
    name = 'pblint',
    cmd = { pblint, 'lsp' },
    root_dir = vim.fn.fnamemodify(doc, ':h'),
    on_exit = function(code, signal)
      exit_code = code
    end,
  })
  record(client_id ~= nil, 'vim.lsp.start_client starts the server')
  if not client_id then
    return
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(doc))
  local buf = vim.api.nvim_get_current_buf()
  record(vim.lsp.buf_attach_client(buf, client_id), 'vim.lsp.buf_attach_client')

  local function rule(code)
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == code then
        table.insert(found, d)
      end
    end
    table.sort(found, function(a, b)
      return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
    end)
    return found
  end

  local got = vim.wait(20000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 50)
  record(got, 'diagnostics arrive')
  if not got then
    return
  end
  local client = vim.lsp.get_client_by_id(client_id)
  record(client and client.offset_encoding == 'utf-16', 'the offset encoding is utf-16',
    client and client.offset_encoding)
  local all = vim.diagnostic.get(buf)
  record(#all == tonumber(os.getenv('PBLINT_COUNT') or '-1'),
    'as many diagnostics as the CLI reports', tostring(#all))

  -- the duplicated rows of lines 67 and 68: 0-based lines 66 and 67, after the tab
  local rows = rule('duplicates/duplicate-row')
  record(#rows == 2, 'two duplicated rows', tostring(#rows))
  for i, lnum in ipairs({ 66, 67 }) do
    local d = rows[i] or {}
    record(d.lnum == lnum and d.col == 1 and d.end_lnum == lnum and d.end_col == 224,
      'duplicated row ' .. i .. ' at line ' .. lnum .. ', bytes 1-224',
      string.format('%s:%s-%s:%s', tostring(d.lnum), tostring(d.col), tostring(d.end_lnum),
        tostring(d.end_col)))
    record(d.source == 'pblint' and d.severity == vim.diagnostic.severity.WARN,
      'duplicated row ' .. i .. ': source pblint, a warning')
    record(type(d.message) == 'string' and d.message:find('制度保障 row repeats line 66', 1, true) ~= nil,
      'duplicated row ' .. i .. ': the message', d.message)
  end
  -- a CJK phrase: the server counts UTF-16 units, the editor holds bytes
  local phrase = rule('duplicates/repeated-phrase')
  local p = phrase[1] or {}
  record(p.lnum == 14 and p.col == 106 and p.end_col == 130,
    'the repeated phrase of line 15 at bytes 106-130',
    string.format('%s:%s-%s', tostring(p.lnum), tostring(p.col), tostring(p.end_col)))
  record(type(p.message) == 'string' and p.message:find('居民区党组织沟通', 1, true) ~= nil,
    'the repeated phrase: the message quotes it', p.message)
  local vague = rule('indicators/vague-target')
  record(vague[1] and vague[1].lnum == 49 and vague[1].col == 37 and
    vague[1].severity == vim.diagnostic.severity.ERROR, 'the vague target of line 50 is an error at byte 37')
  local names = rule('completeness/placeholder-name')
  record(names[1] and names[1].severity == vim.diagnostic.severity.INFO, 'a note is INFO')
  local lsp = rows[1] and rows[1].user_data and rows[1].user_data.lsp or {}
  record(lsp.codeDescription and type(lsp.codeDescription.href) == 'string' and
    lsp.codeDescription.href:match('^file://.*/rules%-doc/duplicates/duplicate%-row%.md$') ~= nil,
    'codeDescription points at the rule page', lsp.codeDescription and lsp.codeDescription.href)

  -- the quick fix of the first duplicated row, applied as the editor does
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = { start = { line = 66, character = 3 }, ['end'] = { line = 66, character = 3 } },
    context = { diagnostics = {} },
  }
  local replies = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000)
  local actions = replies and replies[client_id] and replies[client_id].result or {}
  record(#actions == 1 and actions[1].kind == 'quickfix' and actions[1].isPreferred == true and
    actions[1].title:find('^Fix: 制度保障 row repeats') ~= nil, 'one quick fix for the row',
    tostring(#actions))
  if #actions ~= 1 then
    return
  end
  local lines_before = vim.api.nvim_buf_line_count(buf)
  vim.lsp.util.apply_workspace_edit(actions[1].edit, 'utf-16')
  record(vim.api.nvim_buf_line_count(buf) == lines_before - 1, 'the fix removes one line')
  local relinted = vim.wait(20000, function()
    return #rule('duplicates/duplicate-row') == 1
  end, 50)
  record(relinted, 'after the edit, one duplicated row is left')
  local left = rule('duplicates/duplicate-row')[1] or {}
  record(left.lnum == 66 and left.col == 1, 'the one left is on line 66 now', tostring(left.lnum))

  vim.lsp.stop_client(client_id)
  local stopped = vim.wait(10000, function()
    return exit_code ~= nil
  end, 50)
  record(stopped and exit_code == 0, 'the server exits with status 0 after shutdown and exit',
    tostring(exit_code))
end

local ok, err = pcall(run)
record(ok, 'the test ran without a Lua error', not ok and tostring(err) or nil)
finish()
