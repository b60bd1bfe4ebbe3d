Content-Type: application/vscode-jsonrpc; charset=utf-8
Content-Length: 44

{"jsonrpc":"2.0","id":9,"method":"shutdown"}