import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { TextsProvider } from './i18n/texts';
import './console.css';

// A failed read is shown at once: the API answers problems that retrying does not change.
const queries = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <TextsProvider>
        <App />
      </TextsProvider>
    </QueryClientProvider>
  </StrictMode>,
);
