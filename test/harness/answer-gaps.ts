// How long clients went unanswered, from perfdhcp's `-x t` report: the time
// (seconds since perfdhcp began sending) at which each DISCOVER got its OFFER,
// whichever server sent it. The longest stretch with no OFFER is the longest a
// client asking in it waited for any answer (its DISCOVER unanswered by both).

export interface AnswerGaps {
  /** OFFERs received. */
  answered: number;
  /** DISCOVERs sent (answered or not). */
  sent: number;
  /** The longest time between two OFFERs (or from the start to the first), in seconds. */
  longest: number;
  /** Where the longest stretch began, seconds since perfdhcp began. */
  longestFrom: number;
  /** When the last OFFER came, seconds since perfdhcp began. */
  last: number;
}

/** Parses the DISCOVER-OFFER part of perfdhcp -4 -x t's final report; null when it has none. */
export function answerGaps(output: string): AnswerGaps | null {
  const section =
    /\*\*\*Timestamps for packets: DISCOVER-OFFER\*\*\*\n([\s\S]*?)(?:\n\s*\n|\n\*\*\*|$)/.exec(
      output,
    );
  const stats = /\*\*\*Statistics for: DISCOVER-OFFER\*\*\*\nsent packets: (\d+)/.exec(output);
  if (!section || !stats) return null;
  const received = [...section[1]!.matchAll(/^sent \/ received: [\d.]+ \/ ([\d.]+)$/gm)]
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  let longest = received[0] ?? Infinity;
  let longestFrom = 0;
  for (let i = 1; i < received.length; i++) {
    const gap = received[i]! - received[i - 1]!;
    if (gap > longest) {
      longest = gap;
      longestFrom = received[i - 1]!;
    }
  }
  return {
    answered: received.length,
    sent: Number(stats[1]),
    longest,
    longestFrom,
    last: received.at(-1) ?? 0,
  };
}
