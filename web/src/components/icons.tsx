// Inline SVG icons (no icon font, no requests). Decorative: hidden from assistive technology.
const base = {
  width: 20,
  height: 20,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': 2,
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
  focusable: 'false',
} as const

export const IconMenu = () => (
  <svg {...base} aria-hidden="true">
    <path d="M4 6h16M4 12h16M4 18h16" />
  </svg>
)
export const IconLogout = () => (
  <svg {...base} aria-hidden="true">
    <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9" />
  </svg>
)
export const IconOffline = () => (
  <svg {...base} aria-hidden="true">
    <path d="M1 1l22 22M16.7 11.1A10.9 10.9 0 0 1 19 12.6M5 12.6a10.9 10.9 0 0 1 5.2-2.5M10.7 5a16 16 0 0 1 12.7 4.6M1 9.6A16 16 0 0 1 5.5 6.7M8.5 16.1a6 6 0 0 1 7 0M12 20h.01" />
  </svg>
)
export const IconGlobe = () => (
  <svg {...base} aria-hidden="true">
    <circle cx="12" cy="12" r="10" />
    <path d="M2 12h20M12 2a15.3 15.3 0 0 1 4 10 15.3 15.3 0 0 1-4 10 15.3 15.3 0 0 1-4-10 15.3 15.3 0 0 1 4-10z" />
  </svg>
)
