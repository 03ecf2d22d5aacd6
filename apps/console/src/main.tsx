import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProviders, AppRoutes } from './app.tsx';
import { browserLocale, createI18n } from './i18n/i18n.ts';
import { storedLocale } from './preferences.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Until someone signs in: the language picked on this browser, else the browser's own.
const i18n = createI18n(storedLocale() ?? browserLocale(navigator.languages));

createRoot(root).render(
  <AppProviders i18n={i18n}>
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  </AppProviders>,
);
