// A CRM order often stands for a web-shop order: with the flag on, the shop's number is written into the comment.

/** The comment of an imported order: the source order number first when the flag is on, then the platform's comment. */
export function orderComment(sourceNumberInComment: boolean, sourceNumber: string | undefined, comment: string | undefined): string {
  const sourceLine = sourceNumberInComment && sourceNumber ? `Source order ${sourceNumber}` : '';
  return [sourceLine, comment ?? ''].filter(Boolean).join('\n');
}
