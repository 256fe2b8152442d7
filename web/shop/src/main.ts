import {
  Button,
  Cell,
  CellGroup,
  ConfigProvider,
  Dialog,
  Empty,
  Field,
  Form,
  Icon,
  Image,
  Loading,
  NavBar,
  NoticeBar,
  Tab,
  Tabbar,
  TabbarItem,
  Tabs,
} from 'vant';
import 'vant/lib/index.css';
import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router';
import './style.css';

const app = createApp(App).use(router);
for (const c of [Button, Cell, CellGroup, ConfigProvider, Dialog, Empty, Field, Form, Icon, Image, Loading, NavBar, NoticeBar, Tab, Tabbar, TabbarItem, Tabs]) app.use(c);
app.mount('#app');
