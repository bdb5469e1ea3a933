import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { applyAppearance } from '@/lib/appearance';
import '@/lib/i18n';
import './styles/app.css';
import { App } from './app/App';

applyAppearance();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
