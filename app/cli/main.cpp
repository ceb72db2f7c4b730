// The `tutti` command line: validate, run, mock, simulate, trace.
#include <cstdio>
int main() { std::puts("tutti: not yet wired"); return 4; }
