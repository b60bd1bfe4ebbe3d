/*
 * `pblint lsp`: a Language Server Protocol 3.17 server on stdin/stdout
 * (lsp.c).  main() in pblint.c hands over to it when argv[1] is "lsp".
 */
#ifndef PBLINT_CLI_LSP_H
#define PBLINT_CLI_LSP_H

/* Runs the server until `exit` or end of input; returns the exit status
 * (0 after shutdown, 1 otherwise, 2 on a usage error).  argv[1] is "lsp". */
int lsp_main(int argc, char **argv);

#endif
