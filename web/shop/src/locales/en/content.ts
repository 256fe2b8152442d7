export default {
  me: { help: 'Help centre', discover: 'Stories and videos' },
  help: {
    title: 'Help centre',
    greeting: 'Hello, how can we help?',
    search: 'Search, e.g. shipping, freight, returns',
    results: '{n} results',
    noMatch: 'Nothing found; try other words or contact us',
    none: 'This shop has not published any FAQ yet',
    faq: 'FAQ',
    guides: 'Help pages',
    discover: "The shop's articles and videos",
    callUs: 'Contact us',
  },
  list: {
    title: 'Stories and videos',
    articles: 'Articles',
    videos: 'Videos',
    noArticles: 'This shop has not published any articles yet',
    noVideos: 'This shop has not published any videos yet',
  },
  article: { missing: 'This content does not exist or was withdrawn', more: 'See other content' },
};
