import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { initTransport } from './lib/api';
import './global.css';

dayjs.locale('zh-cn');
// Must run before anything else reads the address: it takes the token out of the URL.
initTransport();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
