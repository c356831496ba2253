// The practice's details are cached after a good answer and never replaced by a bad one.
import { expect } from '@open-wc/testing';
import { restoreFetch, stubPracticeApi, TEST_PRACTICE } from '../test/practice';
import { fetchPractice, PRACTICE_CACHE_KEY, readCachedPractice } from './practice-store';

describe('practice store', () => {
  beforeEach(() => localStorage.removeItem(PRACTICE_CACHE_KEY));
  afterEach(() => {
    restoreFetch();
    localStorage.removeItem(PRACTICE_CACHE_KEY);
  });

  it('keeps the last answer for offline use', async () => {
    stubPracticeApi(TEST_PRACTICE);
    expect(await fetchPractice()).to.deep.equal(TEST_PRACTICE);
    stubPracticeApi(null);
    expect(await fetchPractice()).to.equal(null);
    expect(readCachedPractice()).to.deep.equal(TEST_PRACTICE);
  });

  it('ignores an answer that is not a practice description', async () => {
    const bad = async () => new Response(JSON.stringify({ name: 'Half a practice' }));
    expect(await fetchPractice(bad)).to.equal(null);
    expect(readCachedPractice()).to.equal(null);
  });

  it('ignores a damaged cache', () => {
    localStorage.setItem(PRACTICE_CACHE_KEY, '{not json');
    expect(readCachedPractice()).to.equal(null);
  });
});
