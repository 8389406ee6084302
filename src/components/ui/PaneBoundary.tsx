import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface PaneBoundaryProps {
  name: string;
  children: ReactNode;
}

interface PaneBoundaryState {
  error: Error | null;
}

/** Keeps one broken pane from blanking the app: the pane shows its error, the rest goes on. */
export class PaneBoundary extends Component<PaneBoundaryProps, PaneBoundaryState> {
  state: PaneBoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): PaneBoundaryState {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`The ${this.props.name} pane failed`, error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <section className="pane" role="alert" aria-label={`${this.props.name} (failed)`}>
        <p style={{ padding: 12 }}>
          The {this.props.name} pane failed: {this.state.error.message}.{' '}
          <button type="button" className="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </p>
      </section>
    );
  }
}
