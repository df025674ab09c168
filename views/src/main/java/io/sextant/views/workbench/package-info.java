/**
 * The workbench window. For now a search box over the engine; the full Library | Search |
 * Inspector layout arrives with the workbench issue.
 */
package io.sextant.views.workbench;
