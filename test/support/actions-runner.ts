// How the GitHub Actions runner reads a step's output, for tests that must prove
// no content reaches it as a workflow command. It follows actions/runner's
// ActionCommandManager and ActionCommand (src/Runner.Worker, src/Runner.Common):
// every line of stdout and stderr, split at \n, \r\n or \r (.NET's ReadLine), is
// first tried as `::name props::data` after its leading white space, then as the
// old `##[name props]data`, which may start anywhere in the line; only
// registered command names count.

/** The commands the runner registers (its command extensions, plus stop-commands). */
const REGISTERED = new Set([
  "set-env",
  "set-output",
  "save-state",
  "add-mask",
  "add-path",
  "add-matcher",
  "remove-matcher",
  "debug",
  "warning",
  "error",
  "notice",
  "group",
  "endgroup",
  "echo",
  "stop-commands",
]);

/** One workflow command as the runner would run it. */
export interface RunnerCommand {
  name: string;
  properties: Record<string, string>;
  data: string;
  line: string;
}

const unescapeData = (s: string) => s.replaceAll("%0D", "\r").replaceAll("%0A", "\n").replaceAll("%25", "%");
const unescapeProperty = (s: string) => s.replaceAll("%0D", "\r").replaceAll("%0A", "\n").replaceAll("%3A", ":").replaceAll("%2C", ",").replaceAll("%25", "%");

function parseV2(line: string): RunnerCommand | undefined {
  const message = line.trimStart();
  if (!message.startsWith("::")) return undefined;
  const end = message.indexOf("::", 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(" ");
  const name = space < 0 ? info : info.slice(0, space);
  if (!REGISTERED.has(name)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .trim()
      .split(",")
      .filter(Boolean)) {
      const eq = pair.indexOf("=");
      if (eq > 0 && eq < pair.length - 1) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
  }
  return { name, properties, data: unescapeData(message.slice(end + 2)), line };
}

function parseV1(line: string): RunnerCommand | undefined {
  const start = line.indexOf("##[");
  if (start < 0) return undefined;
  const close = line.indexOf("]", start);
  if (close < 0) return undefined;
  const info = line.slice(start + 3, close);
  const space = info.indexOf(" ");
  const name = space < 0 ? info : info.slice(0, space);
  return REGISTERED.has(name) ? { name, properties: {}, data: line.slice(close + 1), line } : undefined;
}

/** Every workflow command the runner would find in `output`. */
export function runnerCommands(output: string): RunnerCommand[] {
  return output.split(/\r\n|\r|\n/).flatMap((line) => {
    const command = parseV2(line) ?? parseV1(line);
    return command ? [command] : [];
  });
}
