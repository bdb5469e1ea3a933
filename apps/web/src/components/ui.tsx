import { useEffect, useRef, type ReactNode } from 'react';
import {
  Button as AriaButton,
  FieldError,
  Input,
  Label,
  Link as AriaLink,
  Text,
  TextArea,
  TextField as AriaTextField,
  type ButtonProps as AriaButtonProps,
  type LinkProps,
  type TextFieldProps as AriaTextFieldProps,
} from 'react-aria-components';

type Variant = 'primary' | 'secondary' | 'quiet' | 'danger';

/**
 * A button. While its action runs it is disabled and marked busy; React Aria's own isPending is not
 * used because its announcement points at the button, which is often gone once the action ends.
 */
export function Button({ variant = 'secondary', className, isPending, isDisabled, ...props }: AriaButtonProps & { variant?: Variant }) {
  return (
    <AriaButton
      {...props}
      isDisabled={isDisabled || isPending}
      aria-busy={isPending || undefined}
      className={`btn btn-${variant}${isPending ? ' is-pending' : ''}${className ? ` ${className}` : ''}`}
    />
  );
}

export function LinkButton({ variant = 'secondary', className, ...props }: LinkProps & { variant?: Variant }) {
  return <AriaLink {...props} className={`btn btn-${variant}${className ? ` ${className}` : ''}`} />;
}

export function TextLink(props: LinkProps) {
  return <AriaLink {...props} className="link" />;
}

interface FieldProps extends Omit<AriaTextFieldProps, 'children'> {
  label: string;
  description?: string;
  errorMessage?: string;
  multiline?: boolean;
  placeholder?: string;
  rows?: number;
}

/** A labelled text field; errors are tied to the input for screen readers. */
export function TextField({ label, description, errorMessage, multiline, placeholder, rows = 3, ...props }: FieldProps) {
  return (
    <AriaTextField {...props} isInvalid={props.isInvalid ?? !!errorMessage} className="field">
      <Label>{label}</Label>
      {multiline ? <TextArea placeholder={placeholder} rows={rows} /> : <Input placeholder={placeholder} />}
      {description && <Text slot="description" className="field-hint">{description}</Text>}
      <FieldError className="field-error">{errorMessage}</FieldError>
    </AriaTextField>
  );
}

/**
 * The heading of a screen. It takes focus when the screen opens so keyboard and screen-reader
 * users land at the start of what changed, and it names the browser tab.
 */
let firstScreen = true;

export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Hearth`;
    // On the first page load the browser starts at the top (the skip link comes first);
    // after an in-app navigation, focus moves to the new screen's heading.
    if (firstScreen) {
      firstScreen = false;
      return;
    }
    ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

export function ErrorNote({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="note note-error">
      {children}
    </p>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="note">
      {children}
    </p>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}
