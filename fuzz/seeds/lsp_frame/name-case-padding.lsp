content-length:	 37 	

{"jsonrpc":"2.0","id":9,"method":"shuCONTENT-LENGTH:44

{"jsonrpc":"2.0","id":9,"method":"shutdown"}