export { OnboardingPage } from './components/OnboardingPage';
export { PrivacyChoices, type DmPolicy } from './components/PrivacyChoices';
