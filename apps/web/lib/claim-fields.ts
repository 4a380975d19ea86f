import { graphql } from "./graphql";

/**
 * What a claim states, as its page shows it and its editor changes it: the value and its hedge, what happened
 * to whom, and when it was said and what period it describes (the fields the API's claim patch mirrors).
 */
export const ClaimStatementFields = graphql(`
  fragment ClaimStatement on Claim @_unmask {
    metric
    subject
    qualifier
    hedge
    rate
    additional
    valueLow
    valueHigh
    valueBest
    statedOn
    statedOnPrecision
    refersFrom
    refersFromPrecision
    refersTo
    refersToPrecision
  }
`);
