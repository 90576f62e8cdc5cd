import { describe, expect, it } from 'vitest';
import { renderPrComment } from '../../../src/report/pr-comment.js';
import { COMMENT_CASES } from './pr-comment-cases.js';

describe('renderPrComment snapshots', () => {
  for (const [name, build] of Object.entries(COMMENT_CASES)) {
    it(`renders the ${name} comment`, async () => {
      await expect(renderPrComment(build())).toMatchFileSnapshot(`__snapshots__/pr-comment-${name}.md`);
    });
  }
});
