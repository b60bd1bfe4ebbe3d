Content-Length: 67108864

{"jsonrpc":"2.0"}