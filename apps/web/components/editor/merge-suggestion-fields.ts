import { EntityChoiceFields } from "../../lib/entity-picker";
import { graphql, type ResultOf } from "../../lib/graphql";
import { MutationFailureFields } from "../../lib/mutation-result";

// The documents of MergeSuggestions, in a module of their own: the entity page (a server component) spreads
// the suggestion fragment into its query, which it cannot take from a client component's module.

/** A merge suggestion as the entity page lists it. */
export const MergeSuggestionFields = graphql(
  `
    fragment MergeSuggestionFields on MergeSuggestion @_unmask {
      id
      score
      suggestedAt
      entity {
        ...EntityChoice
      }
    }
  `,
  [EntityChoiceFields],
);
export type SuggestionData = ResultOf<typeof MergeSuggestionFields>;

/** A merge into the entity that stands, as the entity page lists it (with Undo for editors). */
export const StandingMergeFields = graphql(`
  fragment StandingMergeFields on MergeJudgement @_unmask {
    id
    automatic
    score
    judgedAt
    merged {
      id
      name
    }
  }
`);
export type StandingMergeData = ResultOf<typeof StandingMergeFields>;

const JudgementFields = graphql(`
  fragment Judgement on MergeMutationSuccess @_unmask {
    judgement {
      id
      verdict
      undone
      kept {
        id
        name
      }
      merged {
        id
        name
      }
    }
  }
`);

/**
 * What judging a suggestion and undoing a merge answer: the judgement recorded, or a failure. Both result
 * unions have the same members, so this fragment on one of them spreads into the other.
 */
const JudgementOutcomeFields = graphql(
  `
    fragment JudgementOutcome on JudgeMergeSuggestionResult @_unmask {
      __typename
      ...Judgement
      ...MutationFailure
    }
  `,
  [JudgementFields, MutationFailureFields],
);

export const JUDGE_MUTATION = graphql(
  `
    mutation JudgeMergeSuggestion($suggestion: ID!, $verdict: MergeVerdict!) {
      judgeMergeSuggestion(suggestion: $suggestion, verdict: $verdict) {
        ...JudgementOutcome
      }
    }
  `,
  [JudgementOutcomeFields],
);

export const UNDO_MUTATION = graphql(
  `
    mutation UndoMerge($judgement: ID!) {
      undoMerge(judgement: $judgement) {
        ...JudgementOutcome
      }
    }
  `,
  [JudgementOutcomeFields],
);

export type JudgementResult = ResultOf<typeof JUDGE_MUTATION>["judgeMergeSuggestion"];
export type Judgement = Extract<JudgementResult, { __typename: "MergeMutationSuccess" }>["judgement"];
