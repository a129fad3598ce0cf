'use client';
// The edit form: react-hook-form on the customer the page stands on. The shared schema (and the phone and
// address rules behind it) loads on the first check, not with the page.
import { useMemo, useRef, useState, useCallback } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { toFormValues, type CustomerFormInput } from '@/lib/customers/form-values';
import { editableFields, type Customer, type CustomerFields } from '@/lib/customers/types';
import { dirtyPaths } from './dirty';

/** The form paths edited since `loaded`; fields the form has not registered yet count as unchanged. */
function editedPaths(loaded: CustomerFormInput, values: Partial<CustomerFormInput>) {
  return dirtyPaths(loaded, { ...loaded, ...values, shipping: { ...loaded.shipping, ...values.shipping } });
}

export function useEditForm(initial: Customer) {
  const [base, setBaseState] = useState<Customer>(initial);
  // Handlers that run right after a base change (review after a conflict) read the ref, not a stale closure.
  const baseRef = useRef<Customer>(initial);
  const loaded = useMemo(() => toFormValues(editableFields(base), base.phone_display), [base]);
  const resolver: Resolver<CustomerFormInput, unknown, CustomerFields> = async (values, context, options) => {
    const [{ zodResolver }, { customerEditSchema }] = await Promise.all([
      import('@hookform/resolvers/zod'),
      import('@/lib/customers/schema'),
    ]);
    const b = baseRef.current;
    // Only what will be sent is validated: the schema knows what the form was loaded with.
    const schema = customerEditSchema(editableFields(b), toFormValues(editableFields(b), b.phone_display));
    return zodResolver(schema)(values, context, options);
  };
  const form = useForm<CustomerFormInput, unknown, CustomerFields>({
    resolver,
    defaultValues: loaded,
    mode: 'onTouched',
  });
  /** The form now stands on `c`: what Flex holds after a save, a refresh or a resolved conflict. */
  const rebase = useCallback(
    (c: Customer, values?: CustomerFormInput) => {
      baseRef.current = c;
      setBaseState(c);
      if (values) form.reset(values, { keepDefaultValues: true });
      else form.reset(toFormValues(editableFields(c), c.phone_display));
    },
    [form],
  );
  const values = useWatch({ control: form.control }) as CustomerFormInput;
  const dirty = editedPaths(loaded, values);
  /** Whether anything is edited right now: from the inputs, not the last render (a keystroke may be newer). */
  const dirtyNow = useCallback(() => {
    const b = baseRef.current;
    return editedPaths(toFormValues(editableFields(b), b.phone_display), form.getValues()).length > 0;
  }, [form]);
  return { form, base, baseRef, loaded, values, dirty, dirtyNow, rebase };
}
