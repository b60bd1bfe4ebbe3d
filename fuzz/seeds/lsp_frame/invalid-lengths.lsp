Content-Length: 12x

{}Content-Length: -1

{}Content-Length: +2

{}Content-Length: 

{}Content-Length: 0x10

{}Content-Length: 1 2

{}Content-Length: 99999999999999999999999999

{}Content-Length: 67108865

{}Content-Length: 0002

{}Content-Length: 44

{"jsonrpc":"2.0","id":9,"method":"shutdown"}