export { SignInPage } from './components/SignInPage';
export { SignUpPage } from './components/SignUpPage';
export { WelcomePage } from './components/WelcomePage';
