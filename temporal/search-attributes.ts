import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Typed search attributes every Casebook workflow sets, so ops can filter in
// the Temporal UI ("CasebookKind = 'import'"). They never carry personal data.
export const CasebookKind = defineSearchAttributeKey('CasebookKind', SearchAttributeType.KEYWORD);
export const CasebookActor = defineSearchAttributeKey('CasebookActor', SearchAttributeType.KEYWORD);

/** Name -> type, as `temporal server start-dev --search-attribute` and the operator API want them. */
export const searchAttributeDefinitions = {
  CasebookKind: 'Keyword',
  CasebookActor: 'Keyword',
} as const;
