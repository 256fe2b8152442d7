import { expect } from 'chai';
import { indexTerms, queryTerms, termWeights } from '../../server/src/core/search.js';

describe('search terms', () => {
  it('indexes every Han character and its bigrams, and words of letters and digits', () => {
    expect(indexTerms('纯棉T恤 XL')).to.deep.equal(['纯', '棉', '纯棉', 't', '恤', 'xl']);
  });
  it('queries a Han run by its bigrams, a lone character by itself', () => {
    expect(queryTerms('蓝牙耳机')).to.deep.equal(['蓝牙', '牙耳', '耳机']);
    expect(queryTerms('茶')).to.deep.equal(['茶']);
    expect(queryTerms('iPhone15 手机壳')).to.deep.equal(['iphone15', '手机', '机壳']);
    expect(queryTerms('，。!')).to.deep.equal([]);
  });
  it('sums the weights of the fields holding a term', () => {
    expect(Object.fromEntries(termWeights([{ text: '红茶', weight: 3 }, { text: '红色', weight: 1 }]))).to.deep.equal({ 红: 4, 茶: 3, 红茶: 3, 色: 1, 红色: 1 });
  });
});
