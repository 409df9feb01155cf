// The package ships no types; this is the part of its API the understander uses.
declare module 'snowball-stemmers' {
  interface SnowballStemmer {
    stem(word: string): string;
  }
  interface SnowballFactory {
    newStemmer(algorithm: string): SnowballStemmer;
    algorithms(): string[];
  }
  const snowballFactory: SnowballFactory;
  export default snowballFactory;
}
