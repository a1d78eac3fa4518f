/**
 * The `hourglass` command. Each subcommand lives in `commands/`; this file
 * only declares flags and maps them to those functions.
 */
import { createRequire } from 'node:module';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_MAX_PARAMETERS, TARGET_OBJECTIVES } from '@hourglass/core';
import { describeSystemError, isHourglassError } from '@hourglass/errors';
import { BACKENDS } from '@hourglass/backends';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { cliMessage } from './flag-hints.js';
import { parseIntList } from './options.js';
import { trainCommand } from './commands/train.js';
import { backendsCommand } from './commands/backends.js';
import { variantsCommand } from './commands/variants.js';
import { benchCommand } from './commands/bench.js';
import { encodeCommand } from './commands/encode.js';
import { detectCommand } from './commands/detect.js';
import { forecastCommand } from './commands/forecast.js';
import { evaluateCommand } from './commands/evaluate.js';
import { repairCommand } from './commands/repair.js';
import { generateCommand } from './commands/generate.js';
import { embedCommand } from './commands/embed.js';
import { inspectCommand } from './commands/inspect.js';
import { recommendCommand } from './commands/recommend.js';
import { exportCommand } from './commands/export.js';
import { serveCommand } from './commands/serve.js';
import { IMPORT_FORMATS, importCommand } from './commands/import.js';
import { mergeCommand } from './commands/merge.js';
import { PROBES } from './row-evaluation.js';
import { SCALINGS } from './scaling.js';
import { DEFAULT_RECIPE } from './train-recipe.js';
import { parseShard, SHARD_ENV } from './shard.js';

export { selectBackend, BACKENDS, type BackendChoice, type BackendReport, type SelectBackendOptions } from '@hourglass/backends';
export { BENCH_MODELS } from './commands/bench.js';

const int = (flag: string, min = 1) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${flag}: expected an integer >= ${min}, got "${v}"`);
  return n;
};
const positive = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${flag}: expected a positive number, got "${v}"`);
  return n;
};
const nonNegative = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${flag}: expected a number >= 0, got "${v}"`);
  return n;
};
const finite = (flag: string) => (v: string) => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`${flag}: expected a number, got "${v}"`);
  return n;
};
const collect = (v: string, prev: string[]) => [...prev, v];
const indexPair = (flag: string) => (v: string): [number, number] => {
  const parts = v.split(',').map((p) => p.trim());
  if (parts.length !== 2 || !parts.every((p) => /^\d+$/.test(p))) throw new InvalidArgumentError(`${flag}: expected two sample indices I,J such as 0,7, got "${v}"`);
  return [Number(parts[0]), Number(parts[1])];
};
const imageSize = (v: string): [number, number] => {
  const dims = parseIntList(v, '--size');
  if (dims.length !== 2) throw new InvalidArgumentError(`--size: expected height,width such as 28,28, got "${v}"`);
  return [dims[0], dims[1]];
};
/** The readers `--format` can force (those of readData). */
const FORMATS = ['dataset', 'idx', 'npy', 'csv', 'images', 'ratings'];
/** The version of this package, shown by `hourglass --version`. */
const VERSION: string = createRequire(import.meta.url)('../package.json').version;
const fraction = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n >= 1) throw new InvalidArgumentError(`${flag}: expected a fraction in [0, 1), got "${v}"`);
  return n;
};

/** The flags that say how to read `--data` (CSV columns, labels, windows). */
function dataFlags(cmd: Command): Command {
  return cmd
    .option('--label <column>', 'CSV: a label column (name or 0-based index), kept aside from the features')
    .option('--columns <list>', 'CSV: feature columns (names or 0-based indices), comma-separated')
    .option('--window <n>', 'time series: cut rows into sliding windows of n steps (train: split the series by time, see --horizon)', int('--window'))
    .option('--stride <n>', 'time series: steps between window starts', int('--stride'))
    .addOption(new Option('--missing <how>', 'empty / NA cells: an error, or masked out of the loss').choices(['error', 'mask']))
    .option('--size <height,width>', 'images: resize every image to this size (without it, all images must have one size)', imageSize)
    .addOption(new Option('--format <reader>', 'read --data with this reader instead of detecting it').choices(FORMATS))
    .option('--max-pixels <n>', 'images: refuse an image of more pixels than this, before decoding it (default 50000000)', int('--max-pixels'))
    .option('--max-decompressed-bytes <n>', 'gzip: refuse a file that decompresses to more bytes than this (default 1 GiB)', int('--max-decompressed-bytes'))
    .option('--max-entries <n>', 'ratings: refuse a users x items matrix of more entries than this (default 67108864)', int('--max-entries'));
}

/** `--stream` and `--max-memory`: read a data file as it goes, with memory bounded (stream-plan.ts). */
function streamFlags(cmd: Command): Command {
  return cmd
    .option('--stream', 'read the data file as a stream (CSV / TSV, NPY or IDX, gzipped or not) instead of whole; automatic for a file larger than a quarter of --max-memory (or of the free memory)', false)
    .option('--max-memory <MB>', 'bound the process\'s resident memory when streaming (shuffle buffer and file chunks are sized under it; refused when the model and a batch cannot fit)', int('--max-memory'));
}

/** `--shard` and `--shards`: run as one of several processes that share the rows (shard.ts). */
function shardFlags(cmd: Command): Command {
  return cmd
    .option('--shard <i/n>', `process only the i-th (from 0) of n contiguous blocks of the rows this command writes, e.g. 0/4 .. 3/4 (CSV: only shard 0 writes the header; join the parts with hourglass merge). Without it, ${SHARD_ENV.index} (a Kubernetes Indexed Job) gives i`, parseShard)
    .option('--shards <n>', `with ${SHARD_ENV.index}: the shard count n (default: env ${SHARD_ENV.count}; set it to the Job's completions)`, int('--shards'));
}

/** `--plugin`, for every command that builds or loads a model. */
const pluginOption = () => new Option('--plugin <module>', 'import a module that registers more variants (a path from the working directory, or a package; repeatable)').argParser(collect).default([]);

function program(): Command {
  const cmd = new Command('hourglass').description('Train and use autoencoders.').version(VERSION, '-V, --version', 'print the version').showSuggestionAfterError().exitOverride();
  const backend = () => new Option('--backend <name>', 'where to run: auto (node, then wasm, then cpu), node, wasm or cpu').choices(BACKENDS).default('auto');

  streamFlags(dataFlags(cmd
    .command('train')))
    .description('train an autoencoder and write a run directory (model, config, metrics, reconstructions.png)')
    .option('--data <name|path>', 'dataset name (mnist, fashion-mnist), file or folder', 'mnist')
    .option('--variant <list>', 'comma-separated variant plug-ins, one architecture first', 'undercomplete')
    .option('--epochs <n>', 'training epochs', int('--epochs'), 50)
    .option('--batch-size <n>', 'samples per batch', int('--batch-size'), 256)
    .option('--latent <n>', 'code size (bottleneck width)', int('--latent'))
    .option('--hidden <sizes>', 'encoder layer widths, e.g. 128,64 (the decoder mirrors them)', (v) => parseIntList(v, '--hidden'))
    .addOption(new Option('--loss <name>', 'reconstruction loss: bce for data in [0, 1], mse otherwise, multinomial for clicks or counts').choices(['bce', 'mse', 'multinomial']))
    .option('--lr <rate>', 'learning rate (with --schedule cosine: the peak)', positive('--lr'), DEFAULT_RECIPE.lr)
    .addOption(new Option('--optimizer <name>', 'optimizer').choices(['adam', 'sgd', 'rmsprop', 'adagrad']).default('adam'))
    .option('--beta2 <x>', 'adam: decay of the average of squared gradients, in [0, 1)', fraction('--beta2'), DEFAULT_RECIPE.beta2)
    .addOption(new Option('--schedule <kind>', 'learning-rate schedule: cosine (warmup to --lr, then a half cosine down to 0 by the last batch; resuming with other --epochs re-derives it), or constant (Keras\' recipe with --lr 1e-3 --beta2 0.999)').choices(['constant', 'cosine']).default(DEFAULT_RECIPE.schedule))
    .option('--warmup <epochs>', 'with --schedule cosine: epochs of linear warmup, may be fractional (default: a tenth of --epochs)', nonNegative('--warmup'))
    .option('--seed <n>', 'seed for weights, shuffling and noise', int('--seed', 0), 0)
    .option('--patience <n>', 'early stopping: epochs without validation improvement (0 = off)', int('--patience', 0), 0)
    .option('--val-split <fraction>', 'hold out this fraction of the training split for validation (default 0.1 with --patience; otherwise none, and the val column shows the test split, for monitoring only)', fraction('--val-split'))
    .option('--clip-norm <x>', 'clip gradients to this global norm (0 = off)', nonNegative('--clip-norm'), 0)
    .option('--set <variant.key=value>', 'set any variant option (repeatable)', collect, [])
    .addOption(pluginOption())
    .addOption(new Option('--scale <kind>', 'input scaling fitted on the training split and saved with the model (auto: min-max when data leaves [0, 1])').choices(SCALINGS).default('auto'))
    .option('--contamination <fraction>', 'calibrate an anomaly threshold: the fraction of training data expected to be anomalous', fraction('--contamination'))
    .option('--horizon <n>', 'time series (with --window): forecast the next n steps of every column', int('--horizon'))
    .addOption(new Option('--objective <kind>', 'with --horizon: predict the next steps only, or predict and reconstruct the window (composite; default predict)').choices(TARGET_OBJECTIVES))
    .option('--prediction-weight <w>', 'with --objective composite: weight of the prediction loss beside the reconstruction (default 1)', positive('--prediction-weight'))
    .option('--season <n>', 'time series: the season (in steps) of the seasonal-naive baseline of evaluate (default: detected)', int('--season', 2))
    .option('--conditional', 'condition the model on the data\'s labels (with variational: the conditional VAE; generate then takes --class)', false)
    .option('--condition-embedding <n>', 'with --conditional: a learned embedding of the class of this width instead of its one-hot vector', int('--condition-embedding', 1))
    .option('--residual', 'the decoder outputs a correction to the input, not the whole output (repairs light noise, blur and pre-filled holes; not with variational)', false)
    .option('--weight-decay <lambda>', 'L2 penalty: lambda x w added to every gradient (default 0.01 for a ratings model such as AutoRec, which overfits without it; else 0)', nonNegative('--weight-decay'))
    .option('--implicit', 'ratings files: read every kept rating as a click (1), as Mult-VAE does; implied by a multinomial loss', false)
    .option('--min-rating <r>', 'ratings files: keep only ratings >= r (e.g. 3.5 to binarise MovieLens as Liang et al.)', finite('--min-rating'))
    .addOption(new Option('--rows <kind>', 'ratings files: what a model row is (default items for ratings: I-AutoRec; users for clicks)').choices(['users', 'items']))
    .option('--test <n>', 'ratings files: held-out fraction of each user\'s ratings (ratings), or of the users, or a count of users (clicks); default 0.1', positive('--test'))
    .option('--fold-in <fraction>', 'ratings files, clicks: fraction of a held-out user\'s clicks given to the model as input (default 0.8)', positive('--fold-in'))
    .option('--max-interactions <n>', 'ratings files: refuse a file of more interactions than this (default 67108864)', int('--max-interactions'))
    .option('--limit <n>', 'use only the first n samples of the train and test splits', int('--limit'))
    .option('--max-parameters <n>', 'refuse, before allocating, a model with more parameters than this', int('--max-parameters'), DEFAULT_MAX_PARAMETERS)
    .option('--out <dir>', 'run directory (default runs/<time>-<variants>); one run at a time may use it')
    .option('--resume', 'continue from the run directory\'s checkpoint', false)
    .addOption(backend())
    .option('--json', 'print one JSON summary on stdout', false)
    .option('--quiet', 'no progress output', false)
    .action(async (o) => {
      process.exitCode = await trainCommand(o);
    });

  streamFlags(shardFlags(dataFlags(cmd
    .command('encode'))))
    .description('write codes, reconstructions or anomaly scores of data from a saved model (NPY or CSV)')
    .requiredOption('--model <dir>', 'saved model directory (a run\'s model/ folder)')
    .requiredOption('--data <name|path>', 'dataset name, file or folder')
    .requiredOption('--out <file>', 'output file, .npy or .csv (CSV keeps labels when the data has them); - for stdout (CSV unless --out-format npy)')
    .addOption(new Option('--out-format <kind>', 'output format (default: from the --out extension)').choices(['csv', 'npy']))
    .addOption(new Option('--what <kind>', 'what to write').choices(['codes', 'reconstructions', 'scores']).default('codes'))
    .option('--batch-size <n>', 'samples per batch', int('--batch-size'), 512)
    .addOption(pluginOption())
    .addOption(backend())
    .option('--json', 'print a JSON summary', false)
    .action(async (o) => {
      process.exitCode = await encodeCommand(o);
    });

  streamFlags(shardFlags(dataFlags(cmd
    .command('detect'))))
    .description('flag anomalies: reconstruction-error scores of data against a calibrated threshold (CSV out; precision/recall/AUC when labelled)')
    .requiredOption('--model <dir>', 'saved model directory (a run\'s model/ folder)')
    .requiredOption('--data <name|path>', 'dataset name, file or folder')
    .option('--out <file>', 'CSV with score, anomaly flag (and label) per sample (per time step for a series model); - for stdout')
    .option('--png <file>', 'series model: a PNG of the series with the flagged ranges shaded, above the scores')
    .option('--contamination <fraction>', 'calibrate the threshold on this data instead of using the one saved at training', fraction('--contamination'))
    .option('--positive-label <label>', 'the label of anomalies, as the data writes it (default: recognised from 0/1, true/false, normal/anomaly, inlier/outlier ...)')
    .addOption(pluginOption())
    .addOption(backend())
    .option('--json', 'print a JSON summary', false)
    .action(async (o) => {
      process.exitCode = await detectCommand(o);
    });

  dataFlags(cmd
    .command('repair'))
    .description('repair damaged data with a saved model: fill missing entries keeping the known ones, or undo noise or blur; measures PSNR against baselines when the clean data is known')
    .requiredOption('--model <dir>', 'saved model directory (a run\'s model/ folder)')
    .requiredOption('--data <name|path>', 'dataset name, file or folder: clean data to damage with --box/--random-mask/--noise/--blur, or damaged data (with --mask, or alone)')
    .option('--mask <file>', 'NPY of 1 (known) and 0 (missing), one sample\'s shape (shared) or one per sample; --data is already damaged')
    .option('--box <y,x,h,w>', 'damage: blank this box (rows y.., columns x.., height h, width w) of every image')
    .option('--random-mask <fraction>', 'damage: blank each entry with this probability (seeded by --seed)', fraction('--random-mask'))
    .option('--noise <sigma>', 'damage: add Gaussian noise of this standard deviation (clipped to [0, 1]; seeded by --seed)', positive('--noise'))
    .option('--blur <sigma>', 'damage: Gaussian blur of this standard deviation in pixels', positive('--blur'))
    .option('--clean <name|path>', 'the clean data of damaged --data, to measure the repair (read like --data)')
    .option('--iterations <n>', 'with missing entries: reconstructions, each followed by putting the known entries back (default 5)', int('--iterations'))
    .addOption(new Option('--split <part>', 'all of --data, or only the test part of the standard split hourglass train uses (samples a model trained on this data never saw)').choices(['all', 'test']).default('all'))
    .option('--limit <n>', 'repair only the first n samples (after --split)', int('--limit'))
    .option('--seed <n>', 'seed of --random-mask and --noise', int('--seed', 0), 1)
    .option('--out <file>', 'the repaired data, .npy or .csv, in the data\'s units; - for stdout (CSV unless --out-format npy)')
    .addOption(new Option('--out-format <kind>', 'output format (default: from the --out extension)').choices(['csv', 'npy']))
    .option('--png <file>', 'images: a grid, rows clean (when known) / damaged / repaired')
    .option('--show <n>', 'images in the --png grid', int('--show'), 10)
    .option('--batch-size <n>', 'samples per batch', int('--batch-size'), 256)
    .addOption(pluginOption())
    .addOption(backend())
    .option('--json', 'print a JSON summary: psnr in the damaged region and baselines.<name> when the clean data is known', false)
    .action(async (o) => {
      process.exitCode = await repairCommand(o);
    });

  shardFlags(dataFlags(cmd
    .command('forecast')))
    .description('forecast the next steps of a series with a model trained with --window and --horizon (CSV out, in data units)')
    .requiredOption('--model <dir>', 'saved model directory (a run\'s model/ folder)')
    .requiredOption('--data <path>', 'the series: a CSV file, several (a.csv,b.csv) or a folder of CSV files')
    .requiredOption('--out <file>', 'CSV with the step index and the forecast of every column (and the truth with --rolling); - for stdout')
    .option('--png <file>', 'a PNG of the history, the forecast and (with --rolling) the truth')
    .option('--rolling', 'forecast from every window of the test range of the saved split, beside the truth, instead of from the latest window', false)
    .option('--batch-size <n>', 'windows per batch', int('--batch-size'), 512)
    .addOption(pluginOption())
    .addOption(backend())
    .option('--json', 'print a JSON summary', false)
    .action(async (o) => {
      process.exitCode = await forecastCommand(o);
    });

  dataFlags(cmd
    .command('evaluate'))
    .description('rows or images: loss and terms, per-sample MSE, BCE and PSNR on the test split (or all of --data with --train-data), with --probe a classifier on codes vs raw inputs vs PCA; a recommender: RMSE and MAE (ratings) or Recall@20, Recall@50 and NDCG@100 (clicks) on the held-out part of its training file, beside the baselines; a series model: mae and rmse of the forecast on the test range of its saved split beside the naive and seasonal-naive forecasts')
    .requiredOption('--model <dir>', 'saved model directory (a run\'s model/ folder)')
    .requiredOption('--data <name|path>', 'rows or images: a dataset name, file or folder, cut as train cuts it (its test split is evaluated); series: the series the model was trained on (a CSV file, several a.csv,b.csv or a folder)')
    .option('--train-data <name|path>', 'rows or images: evaluate all of --data, and fit the --probe on this data')
    .addOption(new Option('--probe <kind>', 'rows or images with labels: fit this classifier on the training codes, raw inputs and PCA, report test accuracy').choices(PROBES))
    .option('--limit <n>', 'rows or images: only the first n samples of the train and test splits (as train --limit)', int('--limit'))
    .option('--seed <n>', 'rows or images: seed of the loss\'s noise (corruptions, sampling) and of the probe', int('--seed', 0))
    .option('--season <n>', 'series: the season (in steps) of the seasonal-naive forecast (default: given at training, else detected)', int('--season', 2))
    .option('--batch-size <n>', 'windows per batch', int('--batch-size'), 512)
    .addOption(pluginOption())
    .addOption(backend())
    .option('--max-interactions <n>', 'recommenders: refuse a ratings file of more interactions than this (default 67108864)', int('--max-interactions'))
    .option('--json', 'print one JSON object: rows or images {loss, terms, mse, bce, psnr, n, probe?}; series {mae, rmse, baselines}; recommenders {rmse, mae} or {recallAt20, recallAt50, ndcgAt100}, with baselines.<name>', false)
    .action(async (o) => {
      process.exitCode = await evaluateCommand(o);
    });

  cmd
    .command('merge')
    .description('join the outputs of the shards of one encode, detect or forecast (--shard 0/n .. n-1/n), given in shard order, into the file one process writes (CSV or NPY)')
    .argument('<parts...>', 'the shards\' output files, shard 0 first')
    .requiredOption('--out <file>', 'the joined file, .csv or .npy (as the parts); - for stdout')
    .addOption(new Option('--out-format <kind>', 'output format (default: from the --out extension)').choices(['csv', 'npy']))
    .option('--json', 'print a JSON summary', false)
    .action(async (parts, o) => {
      process.exitCode = await mergeCommand(parts, o);
    });

  cmd
    .command('recommend')
    .description('the top items for users of a ratings file from a recommender (train --variant autorec|mult-vae|mult-dae on ratings), in the file\'s ids, without what each user already has')
    .requiredOption('--model <dir>', 'saved recommender directory (a run\'s model/ folder)')
    .requiredOption('--data <path>', 'ratings file holding the users and what they already have (u.data, ratings.dat, ratings.csv or user,item,rating CSV)')
    .option('--user <ids>', 'user ids as the file writes them, comma-separated (repeatable)', collect, [])
    .option('--all-users', 'every user of --data (an item-based model: those it trained on)', false)
    .option('--top <k>', 'items per user', int('--top'), 10)
    .option('--out <file>', 'write the lists: .csv (user,rank,item,score) or JSON lines (.jsonl, .json); - for stdout')
    .option('--batch-size <n>', 'rows per batch', int('--batch-size'), 512)
    .option('--max-interactions <n>', 'refuse a file of more interactions than this (default 67108864)', int('--max-interactions'))
    .option('--max-decompressed-bytes <n>', 'gzip: refuse a file that decompresses to more bytes than this (default 1 GiB)', int('--max-decompressed-bytes'))
    .addOption(pluginOption())
    .addOption(backend())
    .option('--json', 'print one JSON line per user: { user, items: [{ item, score }] }', false)
    .action(async (o) => {
      process.exitCode = await recommendCommand(o);
    });

  dataFlags(cmd
    .command('generate'))
    .description('new samples from a saved model: from the prior (--count), between two inputs (--data --interpolate I,J) or of one class (--class); NPY/CSV and a PNG grid')
    .requiredOption('--model <dir>', 'saved model directory (a run\'s model/ folder)')
    .option('--count <n>', 'samples to draw from the prior (default 20; with --class, of that class)', int('--count'))
    .option('--data <name|path>', 'with --interpolate: the data holding the two inputs')
    .option('--interpolate <i,j>', 'decode the codes on the line between the codes of samples I and J of --data', indexPair('--interpolate'))
    .option('--steps <n>', 'with --interpolate: samples on the line, both ends included', int('--steps', 2), 10)
    .option('--class <k>', 'conditional models: the class to generate, by name or index')
    .option('--seed <n>', 'seed of the prior samples', int('--seed', 0), 0)
    .option('--out <file>', 'the samples in data units, .npy or .csv; - for stdout (CSV)')
    .option('--png <file>', 'a titled PNG grid of the samples (image models)')
    .addOption(pluginOption())
    .addOption(backend())
    .option('--json', 'print a JSON summary', false)
    .action(async (o) => {
      process.exitCode = await generateCommand(o);
    });

  dataFlags(cmd
    .command('embed'))
    .description('a 2-D map of the codes of data: the code itself when 2-D, else its two principal components; CSV coordinates and a scatter PNG')
    .requiredOption('--model <dir>', 'saved model directory (a run\'s model/ folder)')
    .requiredOption('--data <name|path>', 'dataset name, file or folder')
    .option('--out <file>', 'CSV of x, y per sample (and its label when the data has labels); - for stdout')
    .option('--png <file>', 'a scatter plot of the map with axes, coloured by label, with a legend')
    .addOption(new Option('--method <kind>', 'auto: the code itself when it has 2 numbers, else pca; pca: always the two principal components').choices(['auto', 'pca']).default('auto'))
    .option('--seed <n>', 'seed of the pca iteration', int('--seed', 0), 0)
    .option('--limit <n>', 'map only n samples, spread evenly over --data (built-in datasets are ordered by class)', int('--limit'))
    .option('--batch-size <n>', 'samples per batch', int('--batch-size'), 512)
    .addOption(pluginOption())
    .addOption(backend())
    .option('--json', 'print a JSON summary', false)
    .action(async (o) => {
      process.exitCode = await embedCommand(o);
    });

  cmd
    .command('inspect')
    .description('what a saved model is: variants and their options, layers with output shapes and parameters, training configuration and final metrics')
    .requiredOption('--model <dir>', 'saved model directory (a run\'s model/ folder)')
    .addOption(pluginOption())
    .addOption(backend())
    .option('--json', 'print one JSON object', false)
    .action(async (o) => {
      process.exitCode = await inspectCommand(o);
    });

  cmd
    .command('export')
    .description('a saved model as a standard network other tools load: a tfjs LayersModel folder (tf.loadLayersModel), an ONNX file (onnxruntime in Python, C#, Java, browsers) or a Keras 3 .keras file')
    .requiredOption('--model <dir>', "saved model directory (a run's model/ folder)")
    .addOption(new Option('--format <format>', 'tfjs-layers: a folder with model.json and weights.bin; onnx: one .onnx file; keras: one .keras file').choices(['tfjs-layers', 'onnx', 'keras']).makeOptionMandatory())
    .addOption(new Option('--part <part>', "which network: the whole autoencoder, the encoder (data -> code), the decoder (code -> data) or a forecaster's predictor").choices(['autoencoder', 'encoder', 'decoder', 'predictor']).default('autoencoder'))
    .option('--log-var', "encoder of a VAE: also output the code's log-variance", false)
    .requiredOption('--out <path>', 'where to write: a folder (tfjs-layers) or a file (onnx, keras)')
    .addOption(pluginOption())
    .addOption(backend())
    .option('--json', 'print a JSON summary', false)
    .action(async (o) => {
      process.exitCode = await exportCommand(o);
    });

  cmd
    .command('import')
    .description('a standard encoder-decoder trained elsewhere (a tfjs-layers folder or a Keras 3 .keras file) as an Hourglass model folder, for encode, detect, repair and the browser')
    .addOption(new Option('--from <format>', 'the format of --model').choices([...IMPORT_FORMATS]).makeOptionMandatory())
    .requiredOption('--model <path>', 'tfjs-layers: the model.json file or its folder; keras: the .keras file')
    .requiredOption('--out <dir>', 'the Hourglass model folder to write')
    .option('--split <layer>', "the code layer's name: the encoder ends with it (default: the narrowest layer)")
    .addOption(backend())
    .option('--json', 'print a JSON summary', false)
    .action(async (o) => {
      process.exitCode = await importCommand(o);
    });

  cmd
    .command('serve')
    .description('a page that loads a saved model in the browser (WebAssembly) and shows it at work on test samples it never saw (reconstructions, the code space decoded on a click, generation, anomalies), and trains new models on a CSV in the page')
    .option('--model <dir>', "saved model directory (a run's model/ folder); without it the page only trains")
    .option('--data <name|path>', 'the samples to show: a dataset name, file or folder (default: the data the model was trained on); without --model, samples for the trainer')
    .option('--samples <n>', 'how many test samples the page gets', int('--samples'), 500)
    .option('--host <address>', 'the interface to listen on (another than 127.0.0.1 makes the page reachable from other machines)', '127.0.0.1')
    .option('--port <n>', 'the port (0: any free one)', int('--port', 0), 8080)
    .option('--export <dir>', 'write the page, the model and the samples to a folder for any static host instead of serving them')
    .option('--json', 'print a JSON line with the URL (or what was written)', false)
    .action(async (o) => {
      process.exitCode = await serveCommand(o);
    });

  cmd
    .command('bench')
    .description('training throughput on MNIST of three reference models: A and C, the deep and the convolutional autoencoder of the Keras tutorial, and B, a wider dense one')
    .addOption(new Option('--model <name>', 'A (dense small), B (dense large) or C (convolutional)').choices(['A', 'B', 'C']).default('A'))
    .addOption(backend())
    .option('--epochs <n>', 'timed epochs', int('--epochs'), 3)
    .option('--warmup <n>', 'warm-up epochs before timing', int('--warmup', 0), 1)
    .option('--seed <n>', 'seed', int('--seed', 0), 0)
    .option('--json', 'print one JSON object on stdout', false)
    .action(async (o) => {
      process.exitCode = await benchCommand(o);
    });

  cmd
    .command('backends')
    .description('list the backends available here (native, wasm SIMD and threads, cpu)')
    .option('--json', 'print JSON', false)
    .action(async (o) => {
      process.exitCode = await backendsCommand(o);
    });

  cmd
    .command('variants')
    .description('list installed variant plug-ins and their options')
    .option('--json', 'print JSON', false)
    .action(async (o) => {
      process.exitCode = await variantsCommand(o);
    });
  return cmd;
}

/**
 * Runs the CLI with `argv` (as `process.argv`); resolves to the exit code:
 * 0 success, 1 failure, 2 usage error, 130 interrupted (see exit-codes.ts).
 * Deliberate errors (recognised by their brand, from any copy of any
 * package) and failed system calls are printed as one line, hints in flag
 * syntax; anything else is a bug and is rethrown (the bin prints its stack).
 *
 * @example
 * process.exitCode = await main(['node', 'hourglass', 'train', '--epochs', '2']);
 */
export async function main(argv: string[]): Promise<number> {
  process.exitCode = 0;
  try {
    await program().parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    const err = e as { code?: unknown; exitCode?: number };
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) {
      if (err.exitCode === 0) return EXIT.ok; // --help, --version
      process.stderr.write("(run 'hourglass <command> --help' for the options)\n");
      return EXIT.usage;
    }
    if (isHourglassError(e)) {
      process.stderr.write(`hourglass: ${cliMessage(e)}\n`);
      return exitCodeOf(e);
    }
    // A failed system call (a full disk, a read-only folder) is the machine's state, not a bug.
    if (e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === 'string') {
      const { path, syscall } = e as NodeJS.ErrnoException;
      process.stderr.write(`hourglass: ${path ? `${path}: ` : ''}${syscall} failed: ${describeSystemError(e)}\n`);
      return EXIT.failure;
    }
    throw e;
  }
}

