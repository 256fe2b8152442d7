/** The audit module's public surface: its routes. */
import './routes.js';
