export {
  authorityCovers,
  DEFAULT_LADDER,
  levelAt,
  levelForActor,
  levelForRole,
  requiredRankFor,
  topRank,
  type LadderLevel,
  type LadderLevelInput,
  type Remedy,
} from './ladder.ts';
export { detectSignals, explainSignals, foldForMatching, type SignalMatch } from './signals.ts';
