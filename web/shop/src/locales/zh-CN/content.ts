export default {
  me: { help: '帮助中心', discover: '店铺内容' },
  help: {
    title: '帮助中心',
    greeting: '您好，有什么可以帮您？',
    search: '搜索问题，如：发货、运费、退换货',
    results: '找到 {n} 条相关内容',
    noMatch: '没有找到相关问题，换个说法试试，或联系客服',
    none: '店铺还没有发布常见问题',
    faq: '常见问题',
    guides: '帮助说明',
    discover: '店铺文章与视频',
    callUs: '联系客服',
  },
  list: {
    title: '店铺内容',
    articles: '文章',
    videos: '视频',
    noArticles: '店铺还没有发布文章',
    noVideos: '店铺还没有发布视频',
  },
  article: { missing: '内容不存在或已下线', more: '看看其他内容' },
};
