export {
  CORPUS_ROOT,
  corpusAvailable,
  corpusPath,
  describeCorpus,
  readCorpusBytes,
  readCorpusJsonl,
  readCorpusMessages,
} from './corpus.js';
