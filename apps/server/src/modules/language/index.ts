/**
 * The language module's public door: escalation signals and the risk score, category suggestion,
 * and text analysis. The text core it builds on (folding, language detection, segmentation) is in
 * `shared/text/`, so every module's pure code can use it.
 */
export {};
