export {
  CORPUS_ROOT,
  corpusAvailable,
  corpusPath,
  describeCorpus,
  readCorpusBytes,
  readCorpusJsonl,
} from './corpus.js';
