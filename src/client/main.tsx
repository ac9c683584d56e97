import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/base.css';
import './styles/shell.css';
import './styles/forms.css';
import './styles/lists.css';
import { App } from './app/app';
import { createI18n } from './lib/i18n';
import { captureInstallPrompt } from './features/pwa/install-prompt';
import { registerServiceWorker } from './features/pwa/register-service-worker';

captureInstallPrompt();
const i18n = await createI18n();
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App i18n={i18n} registerSW={import.meta.env.PROD ? registerServiceWorker : undefined} />
  </StrictMode>,
);
