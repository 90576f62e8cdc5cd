import { renderBisectNote, toBisectJson } from '../report/bisect-note.js';
import { BisectInputError, runBisect } from '../services/bisect/bisect.js';
import { required, UsageError, type ParsedCommand } from './args.js';
import { asUsage as asRevisionUsage, openSession } from './session.js';

/** `perfbot bisect`: the commit between good and bad that moved a benchmark's metric. @returns the exit code */
export async function bisectCommand(values: ParsedCommand['values'], out: NodeJS.WritableStream): Promise<number> {
  const goodRef = required(values, 'good', 'bisect');
  const badRef = required(values, 'bad', 'bisect');
  const benchmark = required(values, 'bench', 'bisect');
  const metric = typeof values.metric === 'string' ? values.metric : 'throughput';
  const asUsage = (error: unknown): never => {
    throw error instanceof BisectInputError ? new UsageError(error.message) : asRevisionUsage(error);
  };
  const session = await openSession(values);
  const { repository, progress } = session;
  try {
    const deps = session.measurement(`bad ${badRef}`);
    const report = await runBisect(
      deps,
      { repository, goodRef, badRef, benchmark, metric },
    ).catch(asUsage);
    progress.done();
    out.write(values.json ? JSON.stringify(toBisectJson(report), null, 2) + '\n' : renderBisectNote(report));
    return 0;
  } finally {
    session.close();
  }
}
