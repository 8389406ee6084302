// Runs the CLI (bin/stepwise.mjs) with this process's arguments and, as it exits, writes its peak
// resident size to stderr for bench/cliExport.ts. Node reports maxRSS in kilobytes on every platform.
process.on('exit', () => process.stderr.write(`peak resident size: ${process.resourceUsage().maxRSS} KB\n`));
await import('../bin/stepwise.mjs');
