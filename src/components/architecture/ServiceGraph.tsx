import dagre from '@dagrejs/dagre';
import { useId, useMemo } from 'react';
import { STATUS_LABELS, type ServiceModel, type ServiceState, type ServiceStatus } from '../../steps/services';
import './ServiceGraph.css';

export interface ServiceGraphProps {
  model: ServiceModel;
}

const NODE_WIDTH = 168;
const NODE_HEIGHT = 74;
/** Three segments (created, configured, registered) across the node's inner width, 4 px apart. */
const METER_SEGMENT = (NODE_WIDTH - 24 - 8) / 3;

interface Point {
  readonly x: number;
  readonly y: number;
}

interface Layout {
  readonly width: number;
  readonly height: number;
  /** Node centres by service name. */
  readonly nodes: ReadonlyMap<string, Point>;
  /** Edge routes by "from→to". */
  readonly edges: ReadonlyMap<string, readonly Point[]>;
}

/** Glyphs that tell the statuses apart without colour. */
export const STATUS_GLYPHS: Readonly<Record<ServiceStatus, string>> = {
  absent: '○',
  created: '◔',
  configured: '◑',
  registered: '●',
};

const STEPS_DONE: Readonly<Record<ServiceStatus, number>> = { absent: 0, created: 1, configured: 2, registered: 3 };

/**
 * Lays out the final tree's dependency graph once, top to bottom (a service above what it depends
 * on), so nodes keep their place while the steps fill them in.
 */
function layoutGraph(names: readonly string[], edges: ServiceModel['finalEdges']): Layout {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 18, ranksep: 46, marginx: 4, marginy: 14 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const name of names) graph.setNode(name, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of edges) graph.setEdge(edge.from, edge.to);
  dagre.layout(graph);
  const nodes = new Map<string, Point>();
  for (const name of names) {
    const node = graph.node(name) as { x: number; y: number };
    nodes.set(name, { x: node.x, y: node.y });
  }
  const routes = new Map<string, readonly Point[]>();
  for (const edge of edges)
    routes.set(`${edge.from}→${edge.to}`, (graph.edge(edge.from, edge.to) as { points: Point[] }).points);
  const size = graph.graph() as { width?: number; height?: number };
  return { width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0), nodes, edges: routes };
}

/** A smooth path through dagre's route points (quadratic segments between midpoints). */
function routePath(points: readonly Point[]): string {
  if (points.length < 2) return '';
  const f = (n: number) => n.toFixed(1);
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const mid = { x: (points[i].x + points[i + 1].x) / 2, y: (points[i].y + points[i + 1].y) / 2 };
    d += ` Q${f(points[i].x)},${f(points[i].y)} ${f(mid.x)},${f(mid.y)}`;
  }
  const last = points[points.length - 1];
  return `${d} L${f(last.x)},${f(last.y)}`;
}

function details(service: ServiceState): string {
  const parts: string[] = [];
  if (service.port !== null) parts.push(`port ${service.port}`);
  if (service.replicas !== null) parts.push(`×${service.replicas}`);
  if (service.circuitBreaker?.failureThreshold != null) parts.push(`CB ${service.circuitBreaker.failureThreshold}`);
  return parts.join(' · ');
}

/** What a node without details says instead: when the next thing happens to it. */
function placeholder(service: ServiceState): string {
  if (service.status === 'absent') return service.createdAt === null ? '' : `created at step ${service.createdAt}`;
  return service.configuredAt === null ? 'no config file' : `configured at step ${service.configuredAt}`;
}

/** What a screen reader hears for one node; the e2e tests read statuses through it too. */
export function serviceLabel(service: ServiceState): string {
  const parts = [`${service.name}: ${STATUS_LABELS[service.status]}`];
  if (service.status !== service.previousStatus)
    parts.push(`changed at this step from ${STATUS_LABELS[service.previousStatus]}`);
  if (service.port !== null) parts.push(`port ${service.port}`);
  if (service.replicas !== null) parts.push(`${service.replicas} replicas`);
  if (service.circuitBreaker?.failureThreshold != null)
    parts.push(`circuit breaker failure threshold ${service.circuitBreaker.failureThreshold}`);
  if (service.dependencies.length > 0) parts.push(`depends on ${service.dependencies.join(', ')}`);
  return parts.join('; ');
}

/** An arrowhead for the ends of edges (`marker-end: url(#id)`), drawn with `className`. */
function ArrowMarker({ id, className }: { id: string; className: string }) {
  return (
    <marker id={id} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path className={className} d="M0,1 L9,5 L0,9 z" />
    </marker>
  );
}

/** The services as an SVG dependency graph: one node per service, an arrow to each dependency. */
export function ServiceGraph({ model }: ServiceGraphProps) {
  const id = useId();
  const { names, finalEdges } = model;
  const layout = useMemo(() => layoutGraph(names, finalEdges), [names, finalEdges]);
  const arrow = `${id}-arrow`;
  const arrowNew = `${id}-arrow-new`;

  return (
    <svg
      className="service-graph"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      style={{ maxWidth: layout.width }}
      role="group"
      aria-label={`Service dependency graph at step ${model.position}`}
    >
      <defs>
        <ArrowMarker id={arrow} className="service-graph__arrow" />
        <ArrowMarker id={arrowNew} className="service-graph__arrow service-graph__arrow--new" />
      </defs>
      <g aria-hidden="true">
        {model.edges.map((edge) => {
          const points = layout.edges.get(`${edge.from}→${edge.to}`);
          if (!points) return null;
          return (
            <path
              key={`${edge.from}→${edge.to}`}
              className={`service-graph__edge${edge.isNew ? ' service-graph__edge--new' : ''}`}
              d={routePath(points)}
              markerEnd={`url(#${edge.isNew ? arrowNew : arrow})`}
            />
          );
        })}
      </g>
      {model.services.map((service) => {
        const centre = layout.nodes.get(service.name);
        if (!centre) return null;
        const x = centre.x - NODE_WIDTH / 2;
        const y = centre.y - NODE_HEIGHT / 2;
        const changed = service.status !== service.previousStatus;
        const info = details(service);
        return (
          <g
            key={service.name}
            className={`service-graph__node service-graph__node--${service.status}${changed ? ' service-graph__node--changed' : ''}`}
            transform={`translate(${x},${y})`}
            role="img"
            aria-label={serviceLabel(service)}
          >
            {changed && (
              <rect
                className="service-graph__halo"
                x={-4}
                y={-4}
                width={NODE_WIDTH + 8}
                height={NODE_HEIGHT + 8}
                rx={11}
              />
            )}
            <rect className="service-graph__box" width={NODE_WIDTH} height={NODE_HEIGHT} rx={8} />
            <text className="service-graph__name" x={12} y={21}>
              {service.name}
            </text>
            <text className="service-graph__status" x={12} y={39}>
              {STATUS_GLYPHS[service.status]} {STATUS_LABELS[service.status]}
            </text>
            <text className={`service-graph__details${info ? '' : ' service-graph__details--none'}`} x={12} y={56}>
              {info || placeholder(service)}
            </text>
            {[0, 1, 2].map((i) => (
              <rect
                key={i}
                className={`service-graph__meter${i < STEPS_DONE[service.status] ? ' service-graph__meter--done' : ''}`}
                x={12 + i * (METER_SEGMENT + 4)}
                y={NODE_HEIGHT - 10}
                width={METER_SEGMENT}
                height={3}
                rx={1.5}
              />
            ))}
            {changed && (
              <g className="service-graph__tag" transform={`translate(${NODE_WIDTH - 62},-9)`}>
                <rect width={58} height={17} rx={8.5} />
                <text x={29} y={12.5} textAnchor="middle">
                  changed
                </text>
              </g>
            )}
          </g>
        );
      })}
    </svg>
  );
}
