import { ApiError } from '../../api.ts';
import { describeError, type ErrorMessage } from '../../errors.ts';

/** Words for a refused decision on the board; catalogue keys, translated at render time. */
export type DecisionError =
  | ErrorMessage
  | {
      key:
        | 'manager.errors.forbidden'
        | 'manager.errors.ruleViolated'
        | 'manager.errors.notFound'
        | 'manager.errors.conflict';
      values?: undefined;
    };

/**
 * Why an approval, rejection or acknowledgement was refused, from the error's code: above the
 * reader's authority (`forbidden`, or the ladder's rule), gone (someone dealt with it), or changed
 * by someone else first. Other failures read as the console's general words.
 */
export const describeDecisionError = (error: unknown): DecisionError => {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'forbidden':
        return { key: 'manager.errors.forbidden' };
      case 'rule_violated':
        return { key: 'manager.errors.ruleViolated' };
      case 'not_found':
        return { key: 'manager.errors.notFound' };
      case 'conflict':
      case 'invalid_transition':
        return { key: 'manager.errors.conflict' };
    }
  }
  return describeError(error);
};
