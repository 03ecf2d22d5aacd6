// `npm run eval`: scores escalation-signal detection on the labelled subsets (eval/labels, see
// LABELLING.md) and category suggestion (eval/categories.ts) on the real, openly licensed data,
// read from REDRESS_EVAL_DATA or the `shared/data` folder beside the checkout (never copied into
// the repository), and prints markdown tables. `npm run eval -- --errors` also lists the dev
// split's false positives and negatives, to read when improving the lexicons (never the test split).
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { evaluateCategories } from './categories.ts';
import { evalDataDir } from './data.ts';
import { evaluateRecurrence } from './recurrence.ts';
import { devErrors, scoreLabelledRows, signalTables } from './signals.ts';

const print = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

const main = async (): Promise<void> => {
  const dir = evalDataDir();
  if (!existsSync(dir)) {
    process.stderr.write(
      `No evaluation data at ${dir}.\n` +
        'Set REDRESS_EVAL_DATA to the folder holding the evaluation CSV files ' +
        '(en_cfpb_complaints_sample.csv, th_wisesight_sentiment.csv, …), or place it as shared/data beside the checkout.\n',
    );
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  print('# Redress evaluation');
  print('');
  print(`Data: ${dir} · run ${new Date().toISOString()}`);
  print('');
  const rows = scoreLabelledRows(dir);
  print(signalTables(rows, 'test'));
  print('');
  print(signalTables(rows, 'dev'));
  print('');
  print(
    'Labelled by one annotator on enriched samples (half random, half cue-word rows; see eval/LABELLING.md): ' +
      'prevalence and precision are higher than in live traffic. The test split is the figure to quote; ' +
      'zh-TW* is the Simplified-Chinese set converted to Traditional script, not native zh-TW text.',
  );
  if (process.argv.includes('--errors')) {
    print('');
    print(devErrors(rows));
  }
  print('');
  print(await evaluateCategories(dir));
  print('');
  print(await evaluateRecurrence(dir));
  print('');
  print(`Total run time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
};

await main();
