// Programs the Python tests' crownest-fake defines (loaded with --programs).
export default function define(programs) {
  // Twenty numbered lines with fake time between them: long enough to cut its stream.
  programs.define("count20", async (proc) => {
    for (let i = 1; i <= 20; i++) {
      proc.stdout.write(`${i}\n`);
      await proc.sleep(10);
    }
    return 0;
  });
  // Twenty lines on each of stdout and stderr, interleaved, with fake time between them.
  programs.define("both20", async (proc) => {
    for (let i = 1; i <= 20; i++) {
      proc.stdout.write(`out ${i}\n`);
      proc.stderr.write(`err ${i}\n`);
      await proc.sleep(10);
    }
    return 0;
  });
  programs.define("greet", async (proc) => {
    proc.stdout.write("hello from a program\n");
    return 0;
  });
}
