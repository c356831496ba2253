// Recognises a 409 edit-conflict problem that carries the server's current profile.
import type { Profile } from '../../../core/accounts';
import type { Problem } from '../../../core/problem';

export function isProblemWithCurrent(problem: Problem): problem is Problem & { current: Profile } {
  const current = (problem as Problem & { current?: unknown }).current;
  return (
    typeof current === 'object' &&
    current !== null &&
    typeof (current as { version?: unknown }).version === 'number' &&
    typeof (current as { address?: unknown }).address === 'object'
  );
}
