Content-Length: 2
Content-Length: 2

{}Content-Length: 2
Content-Length: 3

{}Content-Length: 44

{"jsonrpc":"2.0","id":9,"method":"shutdown"}