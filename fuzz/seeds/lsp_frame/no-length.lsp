Content-Type: x

{}Content-Length: 44

{"jsonrpc":"2.0","id":9,"method":"shutdown"}