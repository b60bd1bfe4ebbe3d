Content-Length: 44

{"jsonrpc":"2.0","id":9,"method":"shutdown"}Content-Length: 100

{"jsonrpc":"2.0"