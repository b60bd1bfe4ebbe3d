Content-Length: 0

Content-Length: 44

{"jsonrpc":"2.0","id":9,"method":"shutdown"}