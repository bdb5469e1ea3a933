import { createBrowserRouter, Navigate, Outlet, useHref, useNavigate, type NavigateOptions } from 'react-router';
import { RouterProvider as AriaRouterProvider } from 'react-aria-components';
import { SignInPage, SignUpPage, WelcomePage } from '@/features/auth';
import { useState } from 'react';
import { session } from '@/lib/api/client';
import { useSignedIn } from '@/lib/auth/use-auth';
import { AppShell } from './AppShell';
import { RouteError } from './RouteError';
import { features } from './features';

declare module 'react-aria-components' {
  interface RouterConfig {
    routerOptions: NavigateOptions;
  }
}

/** Lets React Aria links and buttons navigate through the router instead of reloading. */
function Root() {
  const navigate = useNavigate();
  return (
    <AriaRouterProvider navigate={navigate} useHref={useHref}>
      <Outlet />
    </AriaRouterProvider>
  );
}

function Home() {
  return <Navigate to={useSignedIn() ? '/home' : '/welcome'} replace />;
}

/** Signed-in people who open a public screen go home; a sign-in on the screen itself navigates on its own. */
function PublicOnly({ children }: { children: React.ReactNode }) {
  const [signedInOnArrival] = useState(() => session.signedIn);
  return signedInOnArrival ? <Navigate to="/home" replace /> : children;
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Home /> },
      { path: 'welcome', element: <PublicOnly><WelcomePage /></PublicOnly> },
      { path: 'sign-in', element: <PublicOnly><SignInPage /></PublicOnly> },
      { path: 'sign-up', element: <PublicOnly><SignUpPage /></PublicOnly> },
      { element: <AppShell />, errorElement: <RouteError />, children: features.flatMap((f) => f.routes) },
      { path: '*', element: <RouteError notFound /> },
    ],
  },
]);
