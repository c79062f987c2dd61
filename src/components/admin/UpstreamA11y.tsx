'use client'

import { useTranslation } from '@payloadcms/ui'
import React, { useEffect } from 'react'

import type { CustomTranslationsKeys, CustomTranslationsObject } from '../../admin/i18n'

/** Marks what this component named, so it can name it again (a new language, a new label). */
const OURS = 'data-rl-a11y'
let labelIds = 0

/** The visible label of the Payload field a control belongs to (given an id to point at). */
function fieldLabel(control: Element) {
  const label = control.closest('.field-type')?.querySelector<HTMLLabelElement>('label.field-label')
  if (label && !label.id) label.id = `rl-field-label-${++labelIds}`
  return label ?? null
}

/**
 * Names a control by its field's label, unless it has a name of its own. React may render the
 * label anew (a new node, no id yet): the control then points at the new one.
 */
function labelledByField(control: Element) {
  if (control.hasAttribute('aria-label')) return
  const current = control.getAttribute('aria-labelledby')
  if (current && !control.hasAttribute(OURS)) return
  const label = fieldLabel(control)
  if (!label || label.id === current) return
  control.setAttribute('aria-labelledby', label.id)
  control.setAttribute(OURS, '')
}

/** An icon-only button's name (ours to change when the language changes). */
function name(control: Element, text: string) {
  if (control.hasAttribute('aria-label') && !control.hasAttribute(OURS)) return
  if (control.getAttribute('aria-label') !== text) control.setAttribute('aria-label', text)
  control.setAttribute(OURS, '')
}

type T = (
  key: CustomTranslationsKeys | 'general:dashboard',
  vars?: Record<string, unknown>,
) => string

/**
 * Each rule fills one gap Payload 3's own widgets leave (axe finds it on the course and cohort
 * screens); Payload offers no option for any of them. Nothing here changes what a control does,
 * only what assistive technology hears of it (and two redundant tab stops).
 */
function fill(root: ParentNode, t: T) {
  // The dashboard's breadcrumb is a react-select with no field around it: named for what it is.
  root
    .querySelectorAll('.dashboard-breadcrumb-select input[role="combobox"]')
    .forEach((input) => name(input, t('general:dashboard')))
  // A field's control its <label for> does not name (axe `label`): react-select's combobox input
  // has an id of its own, react-datepicker's input none, and in a document drawer Payload suffixes
  // a label's `for` with the drawer's depth ("field-title-2") but not its input's id.
  root
    .querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
      '.field-type input:not([type="hidden"]), .field-type textarea, .field-type select',
    )
    .forEach((control) => {
      if (!control.labels?.length) labelledByField(control)
    })
  // An array row's drag handle is a role=button with nothing in it (axe `aria-command-name`).
  root
    .querySelectorAll('.collapsible__drag[role="button"]')
    .forEach((handle) => name(handle, t('readylab:a11yDragToReorder')))
  // react-select marks its clear and dropdown indicators aria-hidden, and Payload makes them
  // focusable: out of the tab order (axe `aria-hidden-focus`); the combobox itself opens the menu
  // (arrow keys) and clears the value (Backspace).
  root
    .querySelectorAll('.rs__indicators [aria-hidden="true"]:not([tabindex="-1"])')
    .forEach((el) => el.setAttribute('tabindex', '-1'))
  // Sortable multi-values are role=button around their own remove button (axe
  // `nested-interactive`): a group keeps them focusable and sortable, the remove button a button.
  root
    .querySelectorAll('.rs__multi-value[role="button"]')
    .forEach((el) => el.setAttribute('role', 'group'))
  // Lexical's editable area (rich text) has no name (axe `aria-input-field-name`).
  root
    .querySelectorAll('.rich-text-lexical [contenteditable][role="textbox"]')
    .forEach(labelledByField)
  // react-datepicker's clear button is an icon alone (axe `button-name`).
  root.querySelectorAll('.date-time-picker__clear-button').forEach((button) => {
    const label = fieldLabel(button)?.textContent?.replace(/\*$/, '').trim()
    name(button, label ? t('readylab:a11yClearField', { label }) : t('readylab:a11yClear'))
  })
  // The document's "⋮" menu (and any other popup button drawn as an icon alone): no name (axe
  // `button-name`).
  root.querySelectorAll('.popup-button').forEach((button) => {
    if (!button.textContent?.trim()) name(button, t('readylab:a11yMoreActions'))
  })
  // A join table's "open in a drawer" icon button: no name (axe `button-name`).
  root.querySelectorAll('.drawer-link__doc-drawer-toggler').forEach((button) => {
    const cell = button.closest('.drawer-link')?.querySelector('.drawer-link__cell')
    name(button, t('readylab:a11yOpen', { label: cell?.textContent?.trim() ?? '' }))
  })
  // A relationship's "add new" drawer toggler is named from the collection's label untranslated:
  // "Add new [object Object]" when labels are per language (ours are). Its tooltip has the words.
  root.querySelectorAll('.doc-drawer__toggler[aria-label*="[object Object]"]').forEach((button) => {
    const text = button.querySelector('.tooltip-content')?.textContent?.trim()
    if (text) button.setAttribute('aria-label', text)
    else button.removeAttribute('aria-label')
  })
  // The document tabs are links and a div straight inside a <ul> (axe `list`): a row of links.
  root
    .querySelectorAll('ul.doc-tabs__tabs:not([role])')
    .forEach((el) => el.setAttribute('role', 'none'))
  // A tab's aria-label repeats its label but not its count ("Versions" beside "Versions 2"), so
  // the name hides what is shown (axe `label-content-name-mismatch`): its text names it.
  root.querySelectorAll('.doc-tab[aria-label]').forEach((tab) => {
    if (tab.textContent?.trim()) tab.removeAttribute('aria-label')
  })
}

/**
 * Accessible names for the controls Payload's own widgets leave unnamed, from their visible field
 * labels, on every admin screen. React renders new nodes (a drawer, a new row, a navigation) at
 * any time, so a MutationObserver applies the rules again after each change.
 */
export function UpstreamA11y({ children }: { children?: React.ReactNode }) {
  const { t } = useTranslation<CustomTranslationsObject, CustomTranslationsKeys>()

  // Again with a new language: the names this set are said in it.
  useEffect(() => {
    const run = () => fill(document, t as T)
    run()
    // Observer callbacks run as microtasks, right after React's commit and before anything else
    // reads the page; attribute writes are not observed, so the rules never wake themselves.
    const observer = new MutationObserver(run)
    observer.observe(document.body, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [t])

  return <>{children}</>
}
